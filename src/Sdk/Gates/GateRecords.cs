using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Wandb.Environment;
using Wandb.Grouping.Statistics;
using Wandb.Json;
using Wandb.Reports.Json;
using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// The verdicts of a project's gate in a group, kept in the store's local folder (<c>gates/&lt;hash&gt;.json</c>, the
/// entries of runs.json's <c>gates</c>): each MSBuild node of a build refreshes the reports, and the last one must show
/// the verdicts of projects gated on the others. The file name is a hash, so no project or group name becomes a path.
/// </summary>
internal static class GateRecords
{
    private const string Folder = "gates";

    /// <summary>Adds <paramref name="rows"/> to the project's record of the group, replacing earlier verdicts of the same metric and job type.</summary>
    public static void Save(RunStore store, string project, string group, IReadOnlyCollection<GateRow> rows)
    {
        var path = PathOf(store, project, group);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var kept = Read(path).Where(old => !rows.Any(r => r.Metric == old.Metric && r.JobType == old.JobType)).Concat(rows).ToList();
        AtomicFile.Write(path, writer =>
        {
            using var json = JsonConventions.CreateWriter(writer, Formatting.Indented);
            json.WriteStartObject();
            GateJsonWriter.Write(json, kept);
            json.WriteEndObject();
        });
    }

    /// <summary>The recorded verdicts of <paramref name="groups"/> for <paramref name="projects"/>; unreadable records are skipped.</summary>
    public static IReadOnlyList<GateRow> Load(RunStore store, IEnumerable<string> projects, IReadOnlyCollection<string> groups) =>
        projects.SelectMany(p => groups.SelectMany(g => Read(PathOf(store, p, g)))).ToList();

    private static string PathOf(RunStore store, string project, string group) =>
        Path.Combine(store.LocalDirectory, Folder, CrossProcessLock.StableHash(project + "\n" + group) + ".json");

    private static List<GateRow> Read(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return new List<GateRow>();
            }

            using var reader = JsonConventions.CreateReader(File.ReadAllText(path));
            return (JObject.Load(reader)[GateJsonWriter.Gates] as JArray ?? new JArray()).OfType<JObject>().Select(Row).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidCastException)
        {
            // A record torn by a crash costs the report its gate table, never the build.
            return new List<GateRow>();
        }
    }

    private static GateRow Row(JObject entry) => new()
    {
        Project = (string)entry[JsonFields.Project]!,
        Metric = (string)entry["metric"]!,
        JobType = (string)entry[JsonFields.JobType]!,
        Group = (string)entry[JsonFields.Group]!,
        Baseline = (string?)entry["baseline"],
        Verdict = GateVerdictNames.Parse((string)entry["verdict"]!),
        Current = Statistics(entry["current"] as JObject) ?? MetricStatistics.Empty,
        BaselineStats = Statistics(entry["baseline_stats"] as JObject),
        Difference = Number(entry["difference"]),
        DifferenceCi95Low = Number(entry["difference_ci95_low"]),
        DifferenceCi95High = Number(entry["difference_ci95_high"]),
        P = Number(entry["p"]),
        Tolerance = Number(entry["tolerance"]),
        Note = (string?)entry["note"],
    };

    private static MetricStatistics? Statistics(JObject? stats) => stats is null
        ? null
        : new MetricStatistics((int)stats[JsonFields.N]!, Number(stats[JsonFields.Mean]), double.NaN, double.NaN, double.NaN, Number(stats[JsonFields.Std]), 0, 0);

    private static double Number(JToken? token) => token is null || token.Type == JTokenType.Null ? double.NaN : (double)token;
}
