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
