"""When a report's kernel counts as ready (licheng.publishing.execute._ready), with the channels
of a kernel that answers but whose first IOPub messages never reach the render."""
import asyncio
from queue import Queue

from licheng.publishing.execute import _ready


class Channel:
    def __init__(self):
        self.queue: Queue = Queue()

    def get_msg(self, timeout=None):
        return self.queue.get(timeout=timeout)


class Kernel:
    """Answers each kernel_info on the shell channel; publishes about it on IOPub only from the
    ``lost``-th request on, as a kernel does once the render's subscription has reached it."""

    def __init__(self, lost: int):
        self.shell_channel, self.iopub_channel = Channel(), Channel()
        self.asked, self.lost, self.info = [], lost, None

    def kernel_info(self):
        msg_id = f"info-{len(self.asked)}"
        self.asked.append(msg_id)
        self.shell_channel.queue.put({"parent_header": {"msg_id": msg_id}, "content": {"status": "ok"}})
        if len(self.asked) > self.lost:
            self.iopub_channel.queue.put({"parent_header": {"msg_id": msg_id}, "msg_type": "status"})
        return msg_id

    def _handle_kernel_info_reply(self, reply):
        self.info = reply

    def is_alive(self):
        return True


def test_a_kernel_whose_first_iopub_messages_were_lost_is_asked_again_and_then_ready():
    kernel = Kernel(lost=2)
    asyncio.run(_ready(kernel, kernel, timeout=5))
    assert kernel.asked == ["info-0", "info-1", "info-2"] and kernel.info["parent_header"]["msg_id"] == "info-0"


def test_a_late_message_about_an_earlier_request_counts():
    kernel = Kernel(lost=99)
    kernel.iopub_channel.queue.put({"parent_header": {"msg_id": "info-0"}, "msg_type": "status"})
    asyncio.run(_ready(kernel, kernel, timeout=5))
    assert kernel.asked == ["info-0"]


def test_a_kernel_that_never_publishes_is_not_ready():
    kernel = Kernel(lost=10**9)
    try:
        asyncio.run(_ready(kernel, kernel, timeout=0.3))
    except RuntimeError as e:
        assert "did not answer" in str(e)
    else:
        raise AssertionError("ready without an IOPub message")


def test_a_report_run_waits_for_its_kernel_with_this_check_not_jupyter_clients(monkeypatch, tmp_path):
    # found with a CPU timeline of a render: all kernels sat idle 0.2 s after they started. nbclient's
    # synchronous setup_kernel calls start_new_kernel_client, bound to nbclient's own coroutine, whose
    # wait_for_ready drains IOPub until it has been quiet for 0.2 s.
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from licheng.publishing import execute as ex
    from licheng.publishing.kernels import WarmKernel

    used = []

    async def ready(kc, km, timeout):
        used.append(timeout)
        return await _ready(kc, km, timeout)

    monkeypatch.setattr(ex, "_ready", ready)
    nb = new_notebook(cells=[new_code_cell("x = 1")],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    kernel = WarmKernel(engine="fork")
    try:
        done = ex.execute(nb, {}, km=kernel.km)
    finally:
        kernel.shutdown()
    assert used and done.cells[0].metadata["papermill"]["status"] == "completed"
