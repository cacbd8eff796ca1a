"""``licheng draft``: read a report's text, write the draft scorecard, the reasons, the review page.

Bad input (a missing or unreadable file, a text neither UTF-8 nor GBK, a file
too big, a bad ``--date``) raises one :class:`~licheng.exceptions.LichengError`
naming the file or the parameter; the command line prints it and exits 2.
"""
from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from licheng.drafting import draftfile, review_page
from licheng.drafting.extract import draft
from licheng.drafting.vocabulary import Vocabulary
from licheng.exceptions import ParameterError
from licheng.scorecard.table import _DATE_RE as DATE_RE  # the loader's own test of a source_date
from licheng.scorecard.table import source_roots
from licheng.scorecard.textfiles import MAX_FILE_BYTES, NO_MARKS, inside, read_text, read_text_utf8_or_gbk

#: Names that end like a region but are parts of one (片区, 园区 ...).
_NOT_REGIONS = ("片区", "园区", "城区", "社区", "新区", "景区", "辖区", "市区", "全区", "山区", "地区", "校区", "街区",
                "小区", "示范区", "集聚区", "试验区", "功能区", "保护区", "开发区", "引领区", "核心区", "枢纽区",
                "全县", "郊县", "城市", "全市", "本市")


_TITLED_RE = re.compile(r"((?:[\u4e00-\u9fff]{2,3}?市)?([\u4e00-\u9fff]{2,3}?[区县旗市]))(?:\d{4}年)?"
                        r"(?:人民政府|政府工作报告|第[一二三四五六七八九十]+届|区长|县长|市长|旗长)")


def guess_region(text: str) -> str:
    """The district or county the text is about: the name before 人民政府, 政府工作报告, 区长 ...,
    else the name ending in 区/县/旗 (else 市) it uses most."""
    titled = Counter(m[1] for m in _TITLED_RE.findall(text))
    if titled:
        return titled.most_common(1)[0][0]
    for ends in ("区县旗", "市"):
        names: Counter = Counter()
        for i, c in enumerate(text):
            if c in ends:
                for n in (2, 3):
                    name = text[i - n:i + 1]
                    if i >= n and re.fullmatch(r"[\u4e00-\u9fff]+", name) and not name.endswith(_NOT_REGIONS) \
                            and not any(x in name[:-1] for x in "区县市旗省"):
                        names[name] += 1
        if names:
            best = max(names.values())
            return min((n for n, k in names.items() if k == best), key=len)
    return ""


def _check_outputs(source: Path, *, output: Path | None, review: Path | None, copy: Path | None, text: str) -> None:
    """Refuse, before anything is written, outputs that would overwrite the source text or each
    other, a UTF-8 copy that would replace a different file, and folders that do not exist."""
    named = {"-o": output, "--review": review}
    same = os.path.realpath
    for flag, path in named.items():
        if path is None:
            continue
        if same(path) == same(source):
            raise ParameterError(f"{flag} {path}: that is the source text; give another file")
        if not path.parent.is_dir():
            raise ParameterError(f"{flag} {path}: the folder {path.parent} does not exist")
    if output and review and same(output) == same(review):
        raise ParameterError(f"-o and --review name the same file {output}; give two files")
    if copy is not None:
        if same(copy) in {same(source), same(review) if review else None}:
            raise ParameterError(f"-o {output}: its UTF-8 copy of the GBK source, {copy}, would replace the source "
                                 "or the review page; give another -o")
        try:
            if copy.exists() and copy.read_text(encoding="utf-8") != text:
                raise ParameterError(f"-o {output}: {copy}, where the UTF-8 copy of the GBK source goes, already holds "
                                     "another text; move it or give another -o")
        except (OSError, UnicodeDecodeError):
            raise ParameterError(f"-o {output}: {copy}, where the UTF-8 copy of the GBK source goes, already exists "
                                 "and is not a copy of this text; move it or give another -o") from None


def run(source: Path, *, region: str | None = None, region_en: str | None = None, date: str | None = None,
        output: Path | None = None, explain: bool = False, review: Path | None = None,
        vocabulary: Path | None = None, exclusions: Path | None = None,
        stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if date is not None and not DATE_RE.match(date):
        raise ParameterError(f"--date {date!r}: not a date; give YYYY, YYYY-MM or YYYY-MM-DD (2026-01-28)")
    text, encoding = read_text_utf8_or_gbk(source, what="source text", limit=MAX_FILE_BYTES)
    text = text.translate(NO_MARKS)  # as the scorecard's loader reads it: quotes without invisible marks
    if not text.strip():
        raise ParameterError(f"{source}: the source text is empty")
    vocab = Vocabulary(vocabulary)
    excluded = None
    if exclusions is not None:
        from licheng.scorecard.audit import load_exclusions  # pandas: only when asked for

        read_text(exclusions, what="exclusion list", limit=MAX_FILE_BYTES)  # bounded, regular, UTF-8
        excluded = load_exclusions(exclusions)
    d = draft(text, year=int(date[:4]) if date else None, vocabulary=vocab, exclusions=excluded)

    notes = []
    region_zh = region or guess_region(text)
    if not region:
        notes.append(f"region read from the text as {region_zh or '(none)'}; give --region to set it")
    where = output.parent if output else Path.cwd()
    source_file = source
    copy = output.with_name(output.stem + ".source.txt") if output and encoding == "gbk" else None
    _check_outputs(source, output=output, review=review, copy=copy, text=text)
    if encoding == "gbk":
        if output:
            source_file = copy
            source_file.write_text(text, encoding="utf-8")
            notes.append(f"{source} is GBK text: read it, and wrote a UTF-8 copy {source_file} as the draft's source")
        else:
            notes.append(f"{source} is GBK text: read it; save it as UTF-8 before loading the draft "
                         "(the loader reads UTF-8 only)")
    if output and not inside(source_file, source_roots(output)):
        notes.append(f"the loader reads a source text only beside or under the scorecard's folder: put "
                     f"{source_file.name} in {where} (or name its folder in LICHENG_SOURCE_DIRS)")
    records = draftfile.rows(
        d, region_zh=region_zh, region_en=region_en or "", source=_relative(source_file, where),
        source_date=date or str(d.year), source_kind="news_report" if "记者" in text and "报道" in text
        else "work_report")
    csv_text = draftfile.to_csv(records)
    if output:
        output.write_text(csv_text, encoding="utf-8")
    else:
        stdout.write(csv_text)
    if review:
        title = f"{region_zh or source.name} · licheng draft · {source.name}"
        review.write_text(review_page.page(d, records, title=title), encoding="utf-8")
    if explain:
        stderr.write(draftfile.explain(d))
    flagged = sum(1 for r in records if r["review"])
    year = "given by --date" if date else f"read from the text ({d.year_evidence})"
    stderr.write(f"drafted {len(records)} figures ({flagged} to review), left out {len(d.left_out)} numbers; "
                 f"report year {d.year} {year}"
                 + (f"; wrote {output}" if output else "") + (f"; review page {review}" if review else "") + "\n")
    for note in notes:
        stderr.write(f"note: {note}\n")
    return 0


def _relative(path: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive
        return path.resolve().as_posix()
