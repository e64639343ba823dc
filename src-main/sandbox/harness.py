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


# ---------------------------------------------------------------------------------------------
# Tracer: runs a program once under sys.settrace and records, for the entry function's frame (the
# module frame for script programs), each statement it executed: what it read before, what it
# assigned after, the outcome of `if` tests and the returned value, with the statement's source and
# the comment lines just above it (InfinityMATH programs have one comment per step). Expressions
# travel as a small JSON tree built here with Python's own parser, so the engine never has to
# re-parse Python. Everything it sends back is validated by the engine (src-main/solutions).

TRACE_MAX_STEPS = 200
TRACE_MAX_READS = 24
TRACE_MAX_DEPTH = 24
_DATA_TYPES = (bool, int, float, Fraction, str, list, tuple)
_BIN_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**"}
_UNARY_OPS = {ast.USub: "-", ast.UAdd: "+", ast.Not: "not"}
_CMP_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}


def _dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _tree(node, source, depth=0):
    """Python expression -> JSON tree (kinds: num str bool none name bin unary call cmp boolop ifexp list tuple other)."""
    if depth > TRACE_MAX_DEPTH:
        return {"k": "other", "src": (ast.get_source_segment(source, node) or "")[:200]}
    d = depth + 1
    if isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, bool):
            return {"k": "bool", "v": v}
        if isinstance(v, (int, float)):
            return {"k": "num", "v": to_value(v)}
        if isinstance(v, str):
            return {"k": "str", "v": v[:200]}
        if v is None:
            return {"k": "none"}
    elif isinstance(node, ast.Name):
        return {"k": "name", "id": node.id}
    elif isinstance(node, ast.BinOp) and type(node.op) in _BIN_OPS:
        return {"k": "bin", "op": _BIN_OPS[type(node.op)], "l": _tree(node.left, source, d), "r": _tree(node.right, source, d)}
    elif isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY_OPS:
        return {"k": "unary", "op": _UNARY_OPS[type(node.op)], "e": _tree(node.operand, source, d)}
    elif isinstance(node, ast.Call) and not node.keywords and not any(isinstance(a, ast.Starred) for a in node.args):
        name = _dotted(node.func)
        if name is not None:
            return {"k": "call", "f": name, "args": [_tree(a, source, d) for a in node.args[:8]]}
    elif isinstance(node, ast.Compare) and all(type(o) in _CMP_OPS for o in node.ops):
        return {"k": "cmp", "ops": [_CMP_OPS[type(o)] for o in node.ops], "items": [_tree(x, source, d) for x in [node.left, *node.comparators]]}
    elif isinstance(node, ast.BoolOp):
        return {"k": "boolop", "op": "and" if isinstance(node.op, ast.And) else "or", "items": [_tree(x, source, d) for x in node.values]}
    elif isinstance(node, ast.IfExp):
        return {"k": "ifexp", "test": _tree(node.test, source, d), "body": _tree(node.body, source, d), "orelse": _tree(node.orelse, source, d)}
    elif isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) <= 20:
        return {"k": "list" if isinstance(node, ast.List) else "tuple", "items": [_tree(x, source, d) for x in node.elts]}
    return {"k": "other", "src": (ast.get_source_segment(source, node) or "")[:200]}


def _target_names(target):
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        names = []
        for elt in target.elts:
            names += _target_names(elt)
        return names
    return []


def _read_names(node, skip_store=True):
    seen = []
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and (not skip_store or not isinstance(n.ctx, ast.Store)) and n.id not in seen:
            seen.append(n.id)
    return seen


class _Stmt:
    """What the tracer knows about one statement before running anything."""

    def __init__(self, node, source, lines):
        self.node = node
        self.line = node.lineno
        self.kind = "other"
        self.targets = []
        self.expr = None
        self.aug = None
        self.body_lines = None
        if isinstance(node, ast.Assign):
            self.kind = "assign"
            for t in node.targets:
                self.targets += _target_names(t)
            self.expr = node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self.kind, self.targets, self.expr = "assign", _target_names(node.target), node.value
        elif isinstance(node, ast.AugAssign) and type(node.op) in _BIN_OPS:
            self.kind, self.targets, self.expr, self.aug = "assign", _target_names(node.target), node.value, _BIN_OPS[type(node.op)]
        elif isinstance(node, ast.For):
            self.kind, self.targets, self.expr = "assign", _target_names(node.target), None
        elif isinstance(node, (ast.If, ast.While)):
            self.kind, self.expr = "test", node.test
            self.body_lines = (node.body[0].lineno, node.body[-1].end_lineno)
        elif isinstance(node, ast.Return):
            self.kind, self.expr = "return", node.value
        header_end = node.lineno
        if isinstance(node, (ast.If, ast.While)):
            header_end = node.test.end_lineno
        elif isinstance(node, ast.For):
            header_end = node.iter.end_lineno
        elif not isinstance(node, (ast.With, ast.Try, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            header_end = node.end_lineno
        self.span = range(node.lineno, header_end + 1)
        self.source = "\n".join(lines[node.lineno - 1 : header_end]).strip()[:400]
        comments = []
        i = node.lineno - 2
        while i >= 0 and lines[i].strip().startswith("#") and len(comments) < 4:
            comments.insert(0, lines[i].strip().lstrip("#").strip()[:300])
            i -= 1
        self.comments = comments
        self.tree = None if self.expr is None else _tree(self.expr, source)
        reads = [] if self.expr is None else _read_names(self.expr)
        if self.aug is not None:
            reads = self.targets + [r for r in reads if r not in self.targets]
        self.reads = reads[:TRACE_MAX_READS]


def _statements(body, source, lines, out):
    """Line -> innermost statement starting or spanning it (compound statements: their header only)."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        stmt = _Stmt(node, source, lines)
        for ln in stmt.span:
            out[ln] = stmt
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(node, field, None)
            if isinstance(inner, list):
                _statements(inner, source, lines, out)
        for handler in getattr(node, "handlers", []) or []:
            _statements(handler.body, source, lines, out)


TRACE_MAX_LIST = 20
TRACE_MAX_STR = 200


def _data_value(v):
    """A value worth showing in a step, kept small: a trace holds up to 200 steps of many values each."""
    if isinstance(v, str):
        return to_value(v[:TRACE_MAX_STR])
    if isinstance(v, (list, tuple)):
        if len(v) > TRACE_MAX_LIST or not all(isinstance(x, (bool, int, float, Fraction)) for x in v):
            return None
        return {"t": "list", "v": [to_value(x) for x in v]}
    return to_value(v) if isinstance(v, _DATA_TYPES) else None


class _Tracer:
    def __init__(self, program):
        self.program = program
        tree = ast.parse(program.source)
        lines = program.source.splitlines()
        body = tree.body
        self.doc = None
        if program.entry is not None:
            fn = next(n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == program.entry)
            body = fn.body
            self.doc = ast.get_docstring(fn)
            self.code = program.namespace[program.entry].__code__
        else:
            self.doc = ast.get_docstring(tree)
            self.code = program.code
        self.by_line = {}
        _statements(body, program.source, lines, self.by_line)
        self.events = []
        self.truncated = False
        self.pending = None  # (stmt, reads) of the statement now running

    def _scope_get(self, frame, name):
        local = frame.f_locals
        if name in local:
            return _data_value(local[name]), True
        return None, False

    def _finish(self, frame, next_line, returned=None, is_return=False):
        if self.pending is None:
            return
        stmt, reads = self.pending
        self.pending = None
        event = {"kind": stmt.kind, "line": stmt.line, "source": stmt.source, "comments": stmt.comments, "reads": reads}
        if stmt.tree is not None:
            event["expr"] = stmt.tree
        if stmt.kind == "assign":
            values = {}
            for name in stmt.targets:
                v, ok = self._scope_get(frame, name)
                if ok and v is not None:
                    values[name] = v
            if not values:
                return
            event["targets"] = stmt.targets
            event["values"] = values
            if stmt.aug is not None:
                event["aug"] = stmt.aug
            if stmt.expr is None:
                event["loop"] = True
        elif stmt.kind == "test":
            lo, hi = stmt.body_lines
            event["outcome"] = next_line is not None and lo <= next_line <= hi
        elif stmt.kind == "return":
            if not is_return:
                return
            v = _data_value(returned)
            event["value"] = v if v is not None else to_value(returned)
        else:
            return
        if len(self.events) >= TRACE_MAX_STEPS:
            self.truncated = True
            return
        self.events.append(event)

    def local(self, frame, event, arg):
        if event == "line":
            stmt = self.by_line.get(frame.f_lineno)
            if self.pending is not None and stmt is self.pending[0] and frame.f_lineno != stmt.line:
                return self.local  # a continuation line of the statement already running
            self._finish(frame, frame.f_lineno)
            if stmt is not None and stmt.kind != "other":
                reads = {}
                for name in stmt.reads:
                    v, ok = self._scope_get(frame, name)
                    if ok and v is not None:
                        reads[name] = v
                    elif not ok:
                        g = frame.f_globals.get(name, None)
                        gv = _data_value(g) if g is not None else None
                        if gv is not None:
                            reads[name] = gv
                self.pending = (stmt, reads)
        elif event == "return":
            self._finish(frame, None, arg, is_return=True)
        elif event == "exception":
            self.pending = None
        if self.truncated:
            frame.f_trace = None
            return None
        return self.local

    def dispatch(self, frame, event, arg):
        if frame.f_code is self.code:
            return self.local
        return None


def im_trace(key, values_json, tick):
    """Runs one value set under the tracer; the watchdog limits are the same as for runs."""
    program = _programs.get(key)
    if program is None:
        return json.dumps({"result": {"status": "error", "error": {"type": "SandboxError", "message": "program not compiled"}, "ms": 0}, "events": []})
    values = json.loads(values_json)
    try:
        tracer = _Tracer(program)
    except Exception as exc:
        return json.dumps({"result": {"status": "error", "error": _error_info(exc), "ms": 0}, "events": []})
    try:
        tick(1)
        sys.settrace(tracer.dispatch)
        try:
            result = _run_one(program, values)
        finally:
            sys.settrace(None)
    except KeyboardInterrupt:
        result = _classify(KeyboardInterrupt()) | {"ms": 0}
    finally:
        tick(0)
    out = {"result": result, "doc": tracer.doc, "events": tracer.events, "truncated": tracer.truncated}
    try:
        return json.dumps(out, allow_nan=False)
    except (TypeError, ValueError) as exc:
        return json.dumps({"result": {"status": "error", "error": {"type": "SandboxError", "message": f"unserialisable trace: {exc}"}, "ms": result.get("ms", 0)}, "events": []})
