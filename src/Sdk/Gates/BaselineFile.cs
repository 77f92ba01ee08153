using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Wandb.Grouping.Statistics;
using Wandb.Json;
using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// The baseline file (<c>wandb-baseline.json</c>, schema 1, documented in docs/quality-gate.md): per job type and
/// metric the n, mean and std of a group, with the group, its commit, branch and time, so a repository can commit
/// its baseline and a CI job with an empty store still has something to compare with.
/// </summary>
internal static class BaselineFile
{
    public const int Schema = 1;

    /// <summary>The default file name, beside the project.</summary>
    public const string DefaultName = "wandb-baseline.json";

    private const string SchemaField = "schema";
    private const string ProjectField = "project";
    private const string GroupField = "group";
    private const string CommitField = "commit";
    private const string BranchField = "branch";
    private const string TimeField = "time";
    private const string JobTypesField = "job_types";

    /// <summary>Whether a baseline setting names a file rather than a group.</summary>
    public static bool IsFilePath(string baseline) => baseline.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static void Write(string path, Baseline baseline, string? project)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        AtomicFile.Write(path, writer =>
        {
            using var json = JsonConventions.CreateWriter(writer, Formatting.Indented);
            json.WriteStartObject();
            json.WriteProperty(SchemaField, Schema);
            json.WriteProperty(ProjectField, project);
            json.WriteProperty(GroupField, baseline.Group);
            json.WriteProperty(CommitField, baseline.Commit);
            json.WriteProperty(BranchField, baseline.Branch);
            json.WriteRoundTripTime(TimeField, baseline.Time);
            json.WritePropertyName(JobTypesField);
            json.WriteStartObject();
            foreach (var jobType in baseline.JobTypes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(jobType.Key);
                json.WriteStartObject();
                foreach (var metric in jobType.Value.Where(p => p.Value.N > 0).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(metric.Key);
                    json.WriteStartObject();
                    json.WriteProperty(JsonFields.N, metric.Value.N);
                    json.WriteStatistic(JsonFields.Mean, metric.Value.Mean);
                    json.WriteStatistic(JsonFields.Std, metric.Value.Std);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>Reads the baseline file at <paramref name="path"/>, named in messages as <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a baseline file this version reads; the message names the field and the value.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Baseline Read(string path, string name)
    {
        JObject root;
        try
        {
            using var reader = JsonConventions.CreateReader(File.ReadAllText(path));
            root = JObject.Load(reader);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The baseline file {name} is not JSON: {ex.Message}", ex);
        }

        var schema = root[SchemaField];
        if (schema?.Type != JTokenType.Integer)
        {
            throw new InvalidDataException($"The baseline file {name} has no integer '{SchemaField}' (got {Shown(schema)}); write it again with dotnet build -t:WandbSaveBaseline.");
        }

        if (schema.Value<long>() != Schema)
        {
            throw new InvalidDataException($"The baseline file {name} has {SchemaField} {schema.Value<long>()}, but this version of Wandb.Sdk reads schema {Schema}.");
        }

        if (root[JobTypesField] is not JObject jobTypes)
        {
            throw new InvalidDataException($"The baseline file {name} has no object '{JobTypesField}' (got {Shown(root[JobTypesField])}).");
        }

        var result = new Dictionary<string, IReadOnlyDictionary<string, MetricStatistics>>(StringComparer.Ordinal);
        foreach (var jobType in jobTypes.Properties())
        {
            if (jobType.Value is not JObject metrics)
            {
                throw new InvalidDataException($"The baseline file {name}: {JobTypesField}.{jobType.Name} is not an object (got {Shown(jobType.Value)}).");
            }

            var stats = new Dictionary<string, MetricStatistics>(StringComparer.Ordinal);
            foreach (var metric in metrics.Properties())
            {
                var where = $"{JobTypesField}.{jobType.Name}.{metric.Name}";
                var n = metric.Value[JsonFields.N];
                if (n?.Type != JTokenType.Integer || n.Value<long>() < 1)
                {
                    throw new InvalidDataException($"The baseline file {name}: {where}.{JsonFields.N} must be a whole number of at least 1 (got {Shown(n)}).");
                }

                var count = (int)n.Value<long>();
                var mean = Number(metric.Value[JsonFields.Mean], $"{where}.{JsonFields.Mean}", name, required: true, allowNegative: true);
                var std = Number(metric.Value[JsonFields.Std], $"{where}.{JsonFields.Std}", name, required: count >= 2, allowNegative: false);
                stats[metric.Name] = new MetricStatistics(count, mean, double.NaN, double.NaN, double.NaN, count >= 2 ? std : double.NaN, 0, 0);
            }

            result[jobType.Name] = stats;
        }

        return new Baseline(
            name,
            isFile: true,
            Text(root[GroupField]),
            Text(root[CommitField]),
            Text(root[BranchField]),
            DateTimeOffset.TryParse(Text(root[TimeField]), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null,
            result);
    }

    private static double Number(JToken? token, string where, string name, bool required, bool allowNegative)
    {
        if (token is not null && token.Type is JTokenType.Integer or JTokenType.Float)
        {
            var value = token.Value<double>();
            if (!double.IsNaN(value) && !double.IsInfinity(value) && (allowNegative || value >= 0))
            {
                return value;
            }
        }

        if (!required && (token is null || token.Type == JTokenType.Null))
        {
            return double.NaN;
        }

        throw new InvalidDataException($"The baseline file {name}: {where} must be a finite number{(allowNegative ? string.Empty : " of at least 0")} (got {Shown(token)}).");
    }

    private static string? Text(JToken? token) => token?.Type == JTokenType.String ? token.Value<string>() : null;

    private static string Shown(JToken? token) => token is null ? "nothing" : token.ToString(Formatting.None);
}
