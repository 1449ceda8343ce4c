"""The search benchmark's functions for Optuna, the same as bench/HyperSearch.Bench.Search/TestFunctions.cs
declares for HyperSearch: each suggests its parameters in the same order and ranges and returns the
value to minimise. MINIMA gives each function's known minimum."""
import math

def branin(t):
    x1 = t.suggest_float("x0", -5, 10)
    x2 = t.suggest_float("x1", 0, 15)
    b, c, tt = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - tt) * math.cos(x1) + 10

def rosenbrock(d):
    def f(t):
        x = [t.suggest_float(f"x{i}", 0.01, 10, log=True) for i in range(d)]
        return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(d - 1))
    return f

def ackley(d):
    def f(t):
        x = [t.suggest_float(f"x{i}", -32.768, 32.768) for i in range(d)]
        sq = sum(v * v for v in x) / d
        cs = sum(math.cos(2 * math.pi * v) for v in x) / d
        return -20 * math.exp(-0.2 * math.sqrt(sq)) - math.exp(cs) + 20 + math.e
    return f

def levy(d):
    def f(t):
        w = [1 + (t.suggest_float(f"x{i}", -10, 10) - 1) / 4 for i in range(d)]
        s = math.sin(math.pi * w[0]) ** 2
        for i in range(d - 1):
            s += (w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2)
        return s + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)
    return f

def styblinski(d):
    def f(t):
        return 0.5 * sum(x ** 4 - 16 * x * x + 5 * x for x in (t.suggest_float(f"x{i}", -5, 5) for i in range(d)))
    return f

def mixed7(t):
    optimizer = t.suggest_categorical("optimizer", ["sgd", "momentum", "adam"])
    log_lr = math.log10(t.suggest_float("lr", 1e-5, 1, log=True))
    if optimizer == "momentum":
        m = t.suggest_float("momentum", 0.5, 0.99)
        loss = 0.20 + 0.08 * (log_lr + 1.5 + math.log10(10 * (1 - m))) ** 2 + 2 * (m - 0.9) ** 2
    elif optimizer == "sgd":
        loss = 0.30 + 0.08 * (log_lr + 1) ** 2
    else:
        loss = 0.10 + 0.08 * (log_lr + 3) ** 2
    loss += 0.02 * (math.log10(t.suggest_float("weight_decay", 1e-6, 1e-1, log=True)) + 4) ** 2
    loss += 0.01 * (t.suggest_int("layers", 1, 6) - 3) ** 2
    loss += 0.02 * (math.log2(t.suggest_int("width", 16, 1024)) - 8) ** 2
    loss += 0.2 * (t.suggest_float("dropout", 0, 0.6) - 0.2) ** 2
    return loss

FUNCTIONS = {
    "branin": branin, "rosenbrock4": rosenbrock(4), "ackley5": ackley(5), "levy6": levy(6),
    "styblinski8": styblinski(8), "mixed7": mixed7,
}
MINIMA = {
    "branin": 0.397887357729739, "rosenbrock4": 0.0, "ackley5": 0.0, "levy6": 0.0,
    "styblinski8": -39.16616570377142 * 8, "mixed7": 0.1,
}
