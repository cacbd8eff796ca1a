from licheng.publishing.cli import run

run()
