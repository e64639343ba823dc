# Reference for the engine benchmark: native CPython running the same template programs on the same
# values in a tight in-process loop (each program compiled once, then called for every value set).
import json
import sys
import time

jobs = json.load(open(sys.argv[1]))
count = 0
started = time.perf_counter()
for job in jobs:
    namespace = {"__name__": "__template__"}
    exec(compile(job["program"], "<template>", "exec"), namespace)
    fn = namespace[job["entry"]]
    for values in job["values"]:
        fn(**values)
        count += 1
elapsed = time.perf_counter() - started
print(json.dumps({"instances": count, "seconds": elapsed}))
