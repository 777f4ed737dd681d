"""`make bench`: trains the tutorial model in convbook (and in Keras, given a Python with
TensorFlow), alternating runs in one invocation, and prints the figures issue 3 asks for.

    python3 tools/bench.py --convbook .build/release/convbook
                           [--keras-python /opt/tfvenv/bin/python] [--epochs 10]
                           [--seeds 1,2] [--rounds 1]

Standard library only. For each seed it runs convbook, then Keras (same epochs, batch 32,
seed), so both see the same machine load; the load average is printed with every run,
since timings on a shared machine are noisy. CPU time (user + system, from wait4) is shown
too: under heavy load a program with more threads gets a larger share of the cores, so the
wall-clock ratio then understates the difference in work done. convbook trains with
`profile`, and its time budget (each layer's forward and backward, loss, data, optimizer,
synchronisation, validation, adding up to the epoch time; the matrix library that ran) is
echoed after its epoch lines. EPOCHS and SEEDS in the environment set the
defaults (`make bench EPOCHS=2 SEEDS=1,2`).

Both programs print the same lines, parsed here:

    Epoch 1/10 - 1875/1875 - 5.2s - loss: 0.5123 - accuracy: 0.8123 - val_loss: ... - val_accuracy: ...
    accuracy: 0.8987 - loss: 0.2876 (10000 test images, 0.41s)

FLOP count of one training image of the tutorial model (a multiply-add is 2 FLOPs; the
GEMMs only: bias, relu, softmax and the optimizer add well under 2%):

    layer     GEMM per image (m x k x n)   forward MACs
    conv2d    169 x 9   x 32                   48,672
    conv2d_1   36 x 288 x 64                  663,552
    conv2d_2    4 x 576 x 128                 294,912
    dense       1 x 512 x 512                 262,144
    dense_1     1 x 512 x 10                    5,120
    total                                   1,274,400  -> forward 2,548,800 FLOPs

Training = forward + weight gradients (same MACs) + input gradients (same MACs, except the
first layer's, which nothing needs): 2 x (3 x 1,274,400 - 48,672) = 7,549,056 FLOPs per
image (7.65 M if the first layer's input gradient were computed too). Evaluation:
2,548,800 FLOPs per image. An epoch's time includes its validation pass (both programs
time it so, as Keras does), so an epoch is 60,000 x 7,549,056 + 10,000 x 2,548,800 =
478.4 GFLOP; images/s counts the 60,000 training images.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

TRAINING_FLOPS_PER_IMAGE = 7_549_056
INFERENCE_FLOPS_PER_IMAGE = 2_548_800
TRAINING_IMAGES = 60_000
VALIDATION_IMAGES = 10_000
EPOCH_FLOPS = (TRAINING_IMAGES * TRAINING_FLOPS_PER_IMAGE
               + VALIDATION_IMAGES * INFERENCE_FLOPS_PER_IMAGE)
HERE = os.path.dirname(os.path.abspath(__file__))

EPOCH_LINE = re.compile(
    r"Epoch (\d+)/(\d+) - (\d+)/(\d+) - ([\d.]+)s - loss: ([\d.naif]+) - accuracy: ([\d.]+)"
    r" - val_loss: ([\d.naif]+) - val_accuracy: ([\d.]+)(?: - val_time: ([\d.]+)s)?")
ERROR_LINE = re.compile(r"^error:|Traceback|Error:")
BUDGET_START = re.compile(r"^time per epoch, mean of")
BUDGET_END = re.compile(r"^  epoch ")
EVALUATION_LINE = re.compile(
    r"accuracy: ([\d.]+) - loss: ([\d.naif]+) \((\d+) test images, ([\d.]+)s\)")


class Run:
    """One training run's parsed figures."""

    def __init__(self, label):
        self.label = label
        self.epochs = []          # (seconds, loss, accuracy, val_loss, val_accuracy)
        self.validation_seconds = 0.0
        self.test_accuracy = None
        self.test_loss = None
        self.evaluation_seconds = None
        self.evaluated_images = None
        self.wall_seconds = None
        self.peak_rss_mb = None
        self.cpu_seconds = None
        self.load_before = None
        self.load_after = None
        self.status = None
        self.budget = []          # convbook's `train ... profile` table, as printed
        self.in_budget = False

    def parse(self, line):
        """Reads one output line; returns whether it belongs to the time budget table."""
        if BUDGET_START.search(line):
            self.in_budget = True
        if self.in_budget:
            self.budget.append(line)
            self.in_budget = not BUDGET_END.search(line)
            return True
        epoch = EPOCH_LINE.search(line)
        if epoch:
            self.epochs.append(tuple(float(epoch.group(i)) for i in (5, 6, 7, 8, 9)))
            if epoch.group(10):
                self.validation_seconds += float(epoch.group(10))
            return
        evaluation = EVALUATION_LINE.search(line)
        if evaluation:
            self.test_accuracy = float(evaluation.group(1))
            self.test_loss = float(evaluation.group(2))
            self.evaluated_images = int(evaluation.group(3))
            self.evaluation_seconds = float(evaluation.group(4))

    @property
    def training_seconds(self):
        return sum(epoch[0] for epoch in self.epochs)


def run(label, command, environment=None):
    """Runs `command`, echoing and parsing its output; peak RSS from wait4's rusage
    (this child only, unlike RUSAGE_CHILDREN which keeps the maximum of all children)."""
    result = Run(label)
    result.load_before = os.getloadavg()
    print(f"\n== {label}: {' '.join(command)}", flush=True)
    print(f"   load average before: {format_load(result.load_before)}", flush=True)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=environment)
    for line in process.stdout:
        line = line.rstrip("\n").split("\r")[-1]
        in_budget = result.parse(line)
        if in_budget or EPOCH_LINE.search(line) or EVALUATION_LINE.search(line) or ERROR_LINE.search(line):
            print("   " + line, flush=True)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    result.status = process.returncode
    result.wall_seconds = time.perf_counter() - started
    result.cpu_seconds = usage.ru_utime + usage.ru_stime
    result.peak_rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    if sys.platform == "darwin":
        result.peak_rss_mb /= 1024  # bytes on macOS
    result.load_after = os.getloadavg()
    return result


def format_load(load):
    return " ".join(f"{value:.2f}" for value in load)


def report(result, epochs_expected):
    print(f"-- {result.label}: exit status {result.status},"
          f" load average after: {format_load(result.load_after)}")
    if len(result.epochs) != epochs_expected:
        print(f"   expected {epochs_expected} epoch lines, parsed {len(result.epochs)}")
    print("   epoch   seconds   images/s   GFLOP/s   val_accuracy")
    for index, (seconds, _, _, _, val_accuracy) in enumerate(result.epochs, 1):
        rate = TRAINING_IMAGES / seconds if seconds > 0 else float("inf")
        gflops = EPOCH_FLOPS / seconds / 1e9 if seconds > 0 else float("inf")
        print(f"   {index:5}   {seconds:7.2f}   {rate:8.0f}   {gflops:7.2f}   {val_accuracy:.4f}")
    if result.epochs:
        total = result.training_seconds
        rate = TRAINING_IMAGES * len(result.epochs) / total
        count = len(result.epochs)
        print(f"   training: {total:.1f}s for {count} epoch{'' if count == 1 else 's'}"
              f" ({total / len(result.epochs):.2f} s/epoch, {rate:.0f} images/s,"
              f" {EPOCH_FLOPS * len(result.epochs) / total / 1e9:.2f} GFLOP/s)")
    if result.validation_seconds:
        print(f"   of which validation passes: {result.validation_seconds:.1f}s")
    if result.test_accuracy is not None:
        print(f"   test accuracy: {result.test_accuracy:.4f}, loss {result.test_loss:.4f};"
              f" evaluation of {result.evaluated_images} images: {result.evaluation_seconds:.2f}s")
    else:
        print("   no evaluation line found")
    print(f"   whole process: {result.wall_seconds:.1f}s wall, {result.cpu_seconds:.1f}s CPU"
          f" (user + system), peak RSS {result.peak_rss_mb:.0f} MB")


def parse_arguments(arguments):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--convbook", default=".build/release/convbook")
    parser.add_argument("--keras-python", default="",
                        help="a Python with TensorFlow; empty: convbook only")
    parser.add_argument("--epochs", type=int, default=int(os.environ.get("EPOCHS") or 10))
    parser.add_argument("--seeds", default=os.environ.get("SEEDS") or "1",
                        help="comma-separated seeds; each gives a convbook run then a Keras run")
    parser.add_argument("--rounds", type=int, default=1,
                        help="how many times to run every seed")
    return parser.parse_args(arguments)


def print_ratio_range(what, ratios, whole=None):
    """Prints the median and range of Keras/convbook `ratios` over the pairs, and `whole`,
    the ratio of the summed figures over all pairs, when given."""
    line = (f"Keras/convbook {what} ratio over {len(ratios)} pairs: median {statistics.median(ratios):.2f}"
            f" (from {min(ratios):.2f} to {max(ratios):.2f})")
    if whole is not None:
        line += f"; all pairs together {whole:.2f}"
    print(line)


def main(arguments):
    options = parse_arguments(arguments)
    if not os.access(options.convbook, os.X_OK):
        sys.exit(f"bench: {options.convbook} is not an executable (run `make build`)")
    seeds = [int(seed) for seed in options.seeds.split(",")]
    print(f"bench: tutorial model, batch 32, seeds {seeds}, epochs={options.epochs};"
          f" {TRAINING_FLOPS_PER_IMAGE:,} FLOPs per training image,"
          f" {os.cpu_count()} CPUs")
    caps = [f"{key}={os.environ[key]}" for key in ("ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA")
            if key in os.environ]
    print("oneDNN instruction cap: " + (f"{', '.join(caps)} (oneDNN uses no wider instructions; `env -u"
                                        " ONEDNN_MAX_CPU_ISA make bench` measures without it)"
                                        if caps else "none (oneDNN's own choice; the budget"
                                        " table names the instructions)"))
    pairs = []
    for round_index in range(1, options.rounds + 1):
        for seed in seeds:
            convbook = [options.convbook, "-c", "model tutorial", "-c", "compile",
                        "-c", f"train epochs={options.epochs} seed={seed} profile", "-c", "evaluate"]
            ours = run(f"convbook, seed {seed} (round {round_index})", convbook)
            report(ours, options.epochs)
            theirs = None
            if options.keras_python:
                keras = [options.keras_python, os.path.join(HERE, "keras_tutorial.py"),
                         "--epochs", str(options.epochs), "--seed", str(seed)]
                environment = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
                theirs = run(f"Keras, seed {seed} (round {round_index})", keras, environment)
                report(theirs, options.epochs)
            pairs.append((seed, ours, theirs))

    print("\n== summary")
    failed = False
    for seed, ours, theirs in pairs:
        failed |= ours.status != 0 or not ours.epochs
        line = (f"seed {seed}: convbook {ours.training_seconds:.1f}s training,"
                f" accuracy {ours.test_accuracy}, peak RSS {ours.peak_rss_mb:.0f} MB")
        if theirs is not None and theirs.epochs and ours.epochs:
            failed |= theirs.status != 0
            line += (f"; Keras {theirs.training_seconds:.1f}s,"
                     f" accuracy {theirs.test_accuracy}"
                     f"; Keras/convbook time ratio {theirs.training_seconds / ours.training_seconds:.2f}"
                     f" (epochs), {theirs.wall_seconds / ours.wall_seconds:.2f} (whole process),"
                     f" {theirs.cpu_seconds / ours.cpu_seconds:.2f} (CPU time)")
        print(line)
    compared = [(ours, theirs) for _, ours, theirs in pairs
                if theirs is not None and theirs.epochs and ours.epochs]
    if len(compared) > 1:
        print_ratio_range("epoch-time",
                          [theirs.training_seconds / ours.training_seconds for ours, theirs in compared])
        print_ratio_range("CPU-time", [theirs.cpu_seconds / ours.cpu_seconds for ours, theirs in compared],
                          whole=sum(theirs.cpu_seconds for _, theirs in compared)
                          / sum(ours.cpu_seconds for ours, _ in compared))
    print(f"load average now: {format_load(os.getloadavg())}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
