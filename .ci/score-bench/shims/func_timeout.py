"""Stand-in for the func_timeout package (not packaged for Debian): calls the function without a
time limit. Only the benchmark's official-evaluator harnesses put this folder on their path, after
the real package would be found."""


class FunctionTimedOut(Exception):
    pass


def func_timeout(timeout, func, args=(), kwargs=None):
    return func(*args, **(kwargs or {}))
