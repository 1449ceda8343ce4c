using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HyperSearch.Tests;

/// <summary>
/// Debian's Prometheus on a free loopback port, with its own storage in a temporary directory and
/// the repository's deploy/prometheus/prometheus.yml rewritten for a test: the given targets, a
/// 1 s scrape and evaluation interval, and the given rule file.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/prometheus";
    public const string Promtool = "/usr/bin/promtool";
    private const string MissingHint = "Prometheus is missing: apt-get install -y --no-install-recommends prometheus (.ci/run installs it)";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Process _process;
    private readonly StringBuilder _log;

    private PrometheusServer(Process process, StringBuilder log, string baseUrl)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<PrometheusServer> StartAsync(string directory, IEnumerable<string> targets, string? ruleFile = null)
    {
        Assert.True(File.Exists(Executable), MissingHint);
        var config = TestConfig(File.ReadAllText(Path.Combine(RepoFiles.Root, "deploy", "prometheus", "prometheus.yml")), targets, ruleFile);
        var configPath = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(configPath, config);

        var port = TestSilo.FreePort();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[]
        {
            $"--config.file={configPath}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--storage.tsdb.retention.time=1d",
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var log = new StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, log, $"http://127.0.0.1:{port}");
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>The result array of an instant query (throws with Prometheus' error when the query is rejected).</summary>
    public async Task<JsonArray> QueryAsync(string expression)
    {
        var url = $"{BaseUrl}/api/v1/query?query={Uri.EscapeDataString(expression)}";
        var body = await Http.GetStringAsync(url, TestContext.Current.CancellationToken);
        var json = JsonNode.Parse(body)!;
        Assert.True((string?)json["status"] == "success", $"query rejected: {expression}: {body}");
        return json["data"]!["result"]!.AsArray();
    }

    /// <summary>The single value of a query that returns one series, or null when it returns none.</summary>
    public async Task<double?> ScalarAsync(string expression)
    {
        var result = await QueryAsync(expression);
        Assert.True(result.Count <= 1, $"{expression} returned {result.Count} series: {result.ToJsonString()}");
        return result.Count == 0 ? null : ValueOf(result[0]!);
    }

    /// <summary>Polls <paramref name="expression"/> until it returns one series with <paramref name="expected"/>.</summary>
    public Task WaitForValueAsync(string expression, double expected, TimeSpan timeout) =>
        WaitUntilAsync(expression, value => value == expected, $"{expected}", timeout);

    /// <summary>Polls <paramref name="expression"/> until its single value satisfies <paramref name="condition"/>.</summary>
    public async Task WaitUntilAsync(string expression, Func<double?, bool> condition, string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        double? value;
        while (!condition(value = await ScalarAsync(expression)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{expression} is {value?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, expected {expected} within {timeout}. Prometheus log:\n{Log}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The active alerts (pending and firing) from /api/v1/alerts.</summary>
    public async Task<JsonArray> AlertsAsync()
    {
        var body = await Http.GetStringAsync($"{BaseUrl}/api/v1/alerts", TestContext.Current.CancellationToken);
        return JsonNode.Parse(body)!["data"]!["alerts"]!.AsArray();
    }

    public static double ValueOf(JsonNode series) =>
        double.Parse((string)series["value"]![1]!, NumberStyles.Float, CultureInfo.InvariantCulture);

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }

    /// <summary>The shipped config with this test's targets, intervals and rules (its job name and paths kept).</summary>
    private static string TestConfig(string shipped, IEnumerable<string> targets, string? ruleFile)
    {
        var lines = new List<string>();
        var inTargets = false;
        foreach (var line in shipped.Split('\n'))
        {
            var trimmed = line.Trim();
            if (inTargets && (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("# -", StringComparison.Ordinal)))
            {
                continue; // the shipped example targets
            }

            inTargets = false;
            if (trimmed == "- targets:")
            {
                inTargets = true;
                lines.Add(line);
                var indent = new string(' ', line.IndexOf('-', StringComparison.Ordinal) + 4);
                lines.AddRange(targets.Select(t => $"{indent}- {t}"));
                continue;
            }

            if (trimmed == "- alerts.yml")
            {
                if (ruleFile is not null)
                {
                    lines.Add(line.Replace("alerts.yml", ruleFile, StringComparison.Ordinal));
                }

                continue;
            }

            lines.Add(line.Replace("interval: 15s", "interval: 1s", StringComparison.Ordinal));
        }

        var config = string.Join('\n', lines);
        if (ruleFile is null)
        {
            config = config.Replace("rule_files:\n", "rule_files: []\n", StringComparison.Ordinal);
        }

        return config;
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"prometheus exited ({_process.ExitCode}):\n{Log}");
            }

            try
            {
                using var response = await Http.GetAsync($"{BaseUrl}/-/ready", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"prometheus not ready within {timeout}:\n{Log}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
