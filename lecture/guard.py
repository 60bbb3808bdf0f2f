"""``python -m lecture.guard MODULE ARGS...``: run ``python -m MODULE ARGS...`` in a process
the kernel kills (SIGKILL) when its parent dies, so a killed render never leaves a manim
behind that keeps writing into ``build/``. (Linux ``PR_SET_PDEATHSIG``; done here rather
than in a ``preexec_fn``, which is unsafe when the parent runs threads.)"""

import ctypes
import os
import runpy
import signal
import sys

PR_SET_PDEATHSIG = 1


def main():
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if str(os.getppid()) != os.environ.get("LECTURE_PARENT_PID", str(os.getppid())):
        sys.exit("lecture.guard: the render that started this process is gone")
    module, *args = sys.argv[1:]
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
