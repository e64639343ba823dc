# The Python side of the sandbox: compiles template programs once, runs them many times, and turns
# whatever they return into plain JSON. Loaded once per child process, before any untrusted code.
# This layer gives clean error messages; the real isolation is the child process itself (no file
# system, network, environment or subprocesses reachable from it).
import ast
import builtins
import io
import json
import math
import sys
import time
from fractions import Fraction

OUTPUT_LIMIT = 64 * 1024
STDOUT_KEEP = 2048
BLOCKED_MODULES = {"js", "pyodide_js", "pyodide", "_pyodide", "micropip", "pyodide_http"}


class SandboxViolation(Exception):
    """Raised when a program reaches for something templates may not use."""


class OutputLimitExceeded(Exception):
    pass


class _CappedOutput(io.TextIOBase):
    """stdout replacement: keeps the text for `print`-style answers, stops runaway printing."""

    def __init__(self):
        self.parts = []
        self.size = 0

    def writable(self):
        return True

    def write(self, text):
        self.size += len(text)
        if self.size > OUTPUT_LIMIT:
            raise OutputLimitExceeded(f"printed more than {OUTPUT_LIMIT} characters")
        self.parts.append(text)
        return len(text)

    def text(self):
        return "".join(self.parts)


class _BlockImports:
    """Meta-path finder: the JS bridges and package installers are not for templates."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED_MODULES:
            raise SandboxViolation(f"module '{name}' is not available to templates")
        return None


def _forbidden_sleep(seconds=0):
    raise SandboxViolation("time.sleep is not available to templates")


def _forbidden(what):
    def refuse(*args, **kwargs):
        raise SandboxViolation(f"{what} is not available to templates")

    return refuse


sys.meta_path.insert(0, _BlockImports())
# Emscripten would forward os.system to the host's child_process; the process-level permission model
# refuses it, but by killing the interpreter. Refusing here gives the program a clear error instead.
import os as _os

for _fn in ("system", "popen", "fork", "forkpty", "execv", "execve", "execvp", "spawnv", "spawnve", "posix_spawn", "posix_spawnp"):
    if hasattr(_os, _fn):
        setattr(_os, _fn, _forbidden(f"os.{_fn}"))
for _name in list(sys.modules):
    if _name.split(".")[0] in BLOCKED_MODULES:
        del sys.modules[_name]
time.sleep = _forbidden_sleep


def is_int(x):
    try:
        return float(x) == int(x)
    except (TypeError, ValueError, OverflowError):
        return False


def divides(a, b):
    # GSM-Symbolic semantics: divides(a, b) is True when b divides a (a % b == 0).
    try:
        return b != 0 and a % b == 0
    except TypeError:
        return False


CONSTRAINT_HELPERS = {
    "is_int": is_int,
    "divides": divides,
    "Fraction": Fraction,
    "gcd": math.gcd,
    "math": math,
    "abs": abs,
    "round": round,
    "int": int,
    "float": float,
    "min": min,
    "max": max,
    "len": len,
    "sum": sum,
}


def _error_info(exc, filename="<template>"):
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) and exc.lineno is not None:
        line = exc.lineno
    info = {"type": type(exc).__name__, "message": str(exc)[:500]}
    if line is not None:
        info["line"] = line
    return info


def to_value(v, depth=0):
    """Python value -> tagged JSON (see PyValue in template.types.ts)."""
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        try:
            return {"t": "int", "v": str(v)}
        except ValueError:  # more digits than int->str allows
            return {"t": "other", "type": "int", "repr": f"<int with about {int(v.bit_length() * 0.30103)} digits>"}
    if isinstance(v, float):
        if math.isnan(v):
            return {"t": "float", "v": "nan"}
        if math.isinf(v):
            return {"t": "float", "v": "inf" if v > 0 else "-inf"}
        return {"t": "float", "v": v}
    if isinstance(v, Fraction):
        return {"t": "fraction", "n": str(v.numerator), "d": str(v.denominator)}
    if isinstance(v, str):
        return {"t": "str", "v": v[:2000]}
    if v is None:
        return {"t": "none"}
    if isinstance(v, (list, tuple)) and depth < 3 and len(v) <= 100:
        return {"t": "list", "v": [to_value(x, depth + 1) for x in v]}
    type_name = type(v).__name__
    if type_name == "Decimal":
        return to_value(float(v), depth)
    try:
        text = repr(v)[:200]
    except Exception:  # a hostile __repr__
        text = "<unprintable>"
    return {"t": "other", "type": type_name, "repr": text}


def _printed_answer(text):
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if not lines:
        return None
    last = lines[-1]
    for conv in (int, float):
        try:
            return conv(last.replace(",", ""))
        except ValueError:
            pass
    try:
        return Fraction(last)
    except (ValueError, ZeroDivisionError):
        return last


def _uses_answer(expr):
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        return False
    return any(isinstance(n, ast.Name) and n.id == "answer" for n in ast.walk(tree))


class Program:
    def __init__(self, source, entry_hint, constraints):
        self.source = source
        self.code = compile(source, "<template>", "exec")
        tree = ast.parse(source)
        funcs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        names = [f.name for f in funcs]
        self.entry = None
        if entry_hint and entry_hint in names:
            self.entry = entry_hint
        elif entry_hint:
            raise NameError(f"entry function '{entry_hint}' is not defined at the top level of the program")
        elif "solution" in names:
            self.entry = "solution"
        elif len(funcs) == 1:
            self.entry = names[0]
        self.params = []
        self.required = []
        self.accepts_kwargs = False
        if self.entry is not None:
            fn = next(f for f in funcs if f.name == self.entry)
            args = fn.args
            positional = args.posonlyargs + args.args
            n_defaults = len(args.defaults)
            self.params = [a.arg for a in positional] + [a.arg for a in args.kwonlyargs]
            self.required = [a.arg for a in positional[: len(positional) - n_defaults]]
            self.required += [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is None]
            self.accepts_kwargs = args.kwarg is not None
            # Run the module body once: it defines the function (and any helpers).
            self.namespace = {"__name__": "__template__", "__builtins__": builtins}
            exec(self.code, self.namespace)
        self.pre = []
        self.post = []
        for text in constraints:
            compiled = compile(text, "<constraint>", "eval")
            (self.post if _uses_answer(text) else self.pre).append((text, compiled))

    def info(self):
        return {"ok": True, "kind": "function" if self.entry else "script", "entry": self.entry, "params": self.params}

    def _check(self, checks, scope):
        for text, compiled in checks:
            if not eval(compiled, {"__builtins__": builtins, **CONSTRAINT_HELPERS}, scope):
                return text
        return None

    def run(self, values):
        failed = self._check(self.pre, values)
        if failed is not None:
            return {"status": "constraint", "constraint": failed}
        out = _CappedOutput()
        saved = sys.stdout
        sys.stdout = out
        try:
            if self.entry is not None:
                missing = [p for p in self.required if p not in values]
                if missing:
                    raise TypeError(f"parameter '{missing[0]}' of {self.entry}() has no value among the variables")
                kwargs = values if self.accepts_kwargs else {k: v for k, v in values.items() if k in self.params}
                answer = self.namespace[self.entry](**kwargs)
            else:
                scope = {"__name__": "__template__", "__builtins__": builtins, **values}
                exec(self.code, scope)
                answer = None
                for name in ("result", "ans", "answer"):
                    if name in scope:
                        answer = scope[name]
                        break
        finally:
            sys.stdout = saved
        printed = out.text()
        if answer is None:
            answer = _printed_answer(printed)
        result = {"status": "ok"}
        if printed:
            result["stdout"] = printed[-STDOUT_KEEP:]
        if answer is None:
            where = f"{self.entry}() returned None and printed nothing" if self.entry else "no result/ans/answer variable and nothing printed"
            result["status"] = "no-answer"
            result["error"] = {"type": "NoAnswer", "message": f"no answer found: {where}; define solution(...), assign result/ans, or print it"}
            return result
        result["value"] = to_value(answer)
        failed = self._check(self.post, {**values, "answer": answer})
        if failed is not None:
            result["status"] = "constraint"
            result["constraint"] = failed
        return result


_programs = {}
_MAX_PROGRAMS = 4000


def _classify(exc):
    if isinstance(exc, KeyboardInterrupt):
        return {"status": "timeout", "error": {"type": "Timeout", "message": "stopped: the program ran past its time limit"}}
    if isinstance(exc, OutputLimitExceeded):
        return {"status": "output-limit", "error": _error_info(exc)}
    if isinstance(exc, SandboxViolation):
        return {"status": "forbidden", "error": _error_info(exc)}
    if isinstance(exc, MemoryError):
        return {"status": "memory", "error": {"type": "MemoryError", "message": "the program ran out of memory"}}
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        top = exc.name.split(".")[0]
        return {"status": "needs-module", "module": top, "error": {"type": "ModuleNotFoundError", "message": f"needs {top}, which is not available offline"}}
    if isinstance(exc, SyntaxError):
        return {"status": "syntax", "error": _error_info(exc)}
    if isinstance(exc, RecursionError):
        return {"status": "error", "error": _error_info(exc)}
    return {"status": "error", "error": _error_info(exc)}


def _get(key, source, entry, constraints_json):
    program = _programs.get(key)
    if program is None:
        if len(_programs) >= _MAX_PROGRAMS:
            _programs.pop(next(iter(_programs)))
        program = Program(source, entry or None, json.loads(constraints_json))
        _programs[key] = program
    return program


def im_compile(key, source, entry, constraints_json):
    try:
        return json.dumps(_get(key, source, entry, constraints_json).info())
    except BaseException as exc:  # noqa: B902 - KeyboardInterrupt is the time limit
        c = _classify(exc)
        return json.dumps({"ok": False, "status": c["status"], "module": c.get("module"), "error": c.get("error")})


def _run_one(program, values):
    started = time.perf_counter()
    try:
        result = program.run(values)
    except BaseException as exc:  # noqa: B902 - KeyboardInterrupt is the time limit
        result = _classify(exc)
    result["ms"] = (time.perf_counter() - started) * 1000
    try:
        json.dumps(result, allow_nan=False)
    except (TypeError, ValueError) as exc:
        result = {"status": "error", "error": {"type": "SandboxError", "message": f"unserialisable result: {exc}"}, "ms": result["ms"]}
    return result


def im_run_batch(key, items_json, tick):
    """Runs every item of a batch; `tick(i)` tells the watchdog that item i has started."""
    program = _programs.get(key)
    items = json.loads(items_json)
    if program is None:
        return json.dumps([{"status": "error", "error": {"type": "SandboxError", "message": "program not compiled"}, "ms": 0}] * len(items))
    results = []
    for i, values in enumerate(items):
        try:
            tick(i + 1)
            results.append(_run_one(program, values))
        except KeyboardInterrupt:
            # The interrupt landed between two items, outside the program: that item ran past its limit.
            results.append(_classify(KeyboardInterrupt()) | {"ms": 0})
    tick(0)
    return json.dumps(results, allow_nan=False)
