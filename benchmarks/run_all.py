"""Run every benchmark in turn (store, capture, diff); each prints its own markdown table."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["store/bench_store.py", "capture/bench_capture.py", "diff/bench_diff.py"]

if __name__ == "__main__":
    for script in SCRIPTS:
        print(f"\n## {script}\n", flush=True)
        result = subprocess.run([sys.executable, str(HERE / script), *sys.argv[1:]], check=False)
        if result.returncode:
            sys.exit(result.returncode)
