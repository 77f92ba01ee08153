using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Wandb.Json;
using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// How <c>dotnet test</c> gates exactly the runs of its invocation. Before the test run, the project's build writes the
/// gate's settings (its <c>WandbGate</c> items, <c>WandbBaseline</c>, ...) to a request file and points the test logger at it
/// through <see cref="Variable"/>. The logger, which alone knows the group and project its runs went to, evaluates the gate
/// for the job types it recorded when the run completes, whether tests failed or not, keeps the verdicts for the reports,
/// and writes them beside the request; when every test passed, the build reads them back and fails on a failing verdict.
/// </summary>
internal sealed record TestRunGate
{
    /// <summary>The variable the build sets for the test run's processes: the request file's full path.</summary>
    public const string Variable = "WANDB_TEST_GATE";

    /// <summary>
    /// The request's name beside a Microsoft.Testing.Platform test app (in its output folder), where the app finds it
    /// whoever starts it (<c>dotnet test</c>, <c>dotnet run</c>, the executable): no build step runs around the app to set
    /// <see cref="Variable"/>, which wins when set.
    /// </summary>
    public const string TestAppFileName = "wandb-test-gate.json";

    private const string VerdictsSuffix = ".verdicts.";

    /// <summary>The rules: each item's name (the metric) and its metadata.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyDictionary<string, string>>> Rules { get; init; } = Array.Empty<KeyValuePair<string, IReadOnlyDictionary<string, string>>>();

    /// <summary><c>WandbBaseline</c>; null: <c>WANDB_BASELINE</c>, else auto.</summary>
    public string? Baseline { get; init; }

    /// <summary><c>WandbBaselineBranch</c>.</summary>
    public string? BaselineBranch { get; init; }

    /// <summary>The test project's folder: a relative baseline file path starts here.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary><c>WandbGateMode=warn</c>.</summary>
    public bool WarnOnly { get; init; }

    /// <summary><c>WandbGateRequireBaseline</c>.</summary>
    public bool RequireBaseline { get; init; }

    /// <summary>The rules parsed; the build checked them before the test run.</summary>
    /// <exception cref="FormatException">A rule cannot be used.</exception>
    public IReadOnlyList<GateRule> ParseRules() =>
        Rules.Select(r => GateRuleParser.Parse(r.Key, name => r.Value.TryGetValue(name, out var value) ? value : null)).ToList();

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        foreach (var old in VerdictFiles(path))
        {
            File.Delete(old);
        }

        var root = new JObject
        {
            ["rules"] = new JArray(Rules.Select(r => new JObject { ["metric"] = r.Key, ["metadata"] = JObject.FromObject(r.Value) })),
            ["baseline"] = Baseline,
            ["baseline_branch"] = BaselineBranch,
            ["base_directory"] = BaseDirectory,
            ["warn_only"] = WarnOnly,
            ["require_baseline"] = RequireBaseline,
        };
        AtomicFile.Write(path, writer => writer.Write(root.ToString(Formatting.Indented)));
    }

    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is not a request.</exception>
    public static TestRunGate Read(string path)
    {
        try
        {
            using var reader = JsonConventions.CreateReader(File.ReadAllText(path));
            var root = JObject.Load(reader);
            return new TestRunGate
            {
                Rules = ((JArray)root["rules"]!).OfType<JObject>()
                    .Select(r => new KeyValuePair<string, IReadOnlyDictionary<string, string>>(
                        (string)r["metric"]!,
                        ((JObject)r["metadata"]!).Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.OrdinalIgnoreCase)))
                    .ToList(),
                Baseline = (string?)root["baseline"],
                BaselineBranch = (string?)root["baseline_branch"],
                BaseDirectory = (string)root["base_directory"]!,
                WarnOnly = (bool)root["warn_only"]!,
                RequireBaseline = (bool)root["require_baseline"]!,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException or NullReferenceException or ArgumentException)
        {
            throw new InvalidDataException($"The test gate request {path} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Writes what one test process's gate found beside the request at <paramref name="requestPath"/>: its verdicts, or the error that stopped it.</summary>
    public static void WriteVerdicts(string requestPath, TestRunVerdicts found)
    {
        var root = new JObject
        {
            ["headline"] = found.Headline,
            ["verdicts"] = new JArray(found.Verdicts.Select(v => new JObject { ["verdict"] = v.Verdict.ToName(), ["message"] = v.Message })),
            ["error_code"] = found.ErrorCode,
        };
        var path = requestPath + VerdictsSuffix + Guid.NewGuid().ToString("N") + ".json";
        AtomicFile.Write(path, writer => writer.Write(root.ToString(Formatting.Indented)));
    }

    /// <summary>What the test processes' gates found, one entry per process that gated: its headline and verdicts.</summary>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="InvalidDataException">A file is not one this version wrote.</exception>
    public static IReadOnlyList<TestRunVerdicts> ReadVerdicts(string requestPath)
    {
        var found = new List<TestRunVerdicts>();
        foreach (var file in VerdictFiles(requestPath).OrderBy(f => File.GetLastWriteTimeUtc(f)))
        {
            try
            {
                using var reader = JsonConventions.CreateReader(File.ReadAllText(file));
                var root = JObject.Load(reader);
                var verdicts = ((JArray)root["verdicts"]!).OfType<JObject>()
                    .Select(v => (GateVerdictNames.Parse((string)v["verdict"]!), (string)v["message"]!))
                    .ToList();
                found.Add(new TestRunVerdicts((string)root["headline"]!, verdicts, (string?)root["error_code"]));
            }
            catch (Exception ex) when (ex is JsonException or InvalidCastException or NullReferenceException or FormatException)
            {
                throw new InvalidDataException($"The test gate verdicts {file} cannot be read: {ex.Message}", ex);
            }
        }

        return found;
    }

    private static IEnumerable<string> VerdictFiles(string requestPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(requestPath))!;
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, Path.GetFileName(requestPath) + VerdictsSuffix + "*.json").ToList()
            : Enumerable.Empty<string>();
    }
}
