using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wandb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads a folder store through its documented file format (docs/store-format.md), independently of the
/// SDK's reader: the end-to-end tests check what a user or another tool would find on disk. A run is a
/// folder <c>runs/&lt;id&gt;/</c>, or lines of <c>batches/*.runs.jsonl</c>, or both.
/// </summary>
public sealed class StoreFiles
{
    public StoreFiles(string root) => Root = root;

    public string Root { get; }

    private string RunsDirectory => Path.Combine(Root, "runs");

    /// <summary>
    /// Every run the store holds: run folders, and runs batch files name unless retention deleted them (a tombstone:
    /// a batch record whose state is <c>deleted</c>) and they have no folder.
    /// </summary>
    public IReadOnlyList<string> RunIds
    {
        get
        {
            var records = BatchRecords();
            var deleted = records.Where(r => r.State["state"]?.GetValue<string>() == "deleted").Select(r => r.Run["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var batched = records.Select(r => r.Run["id"]!.GetValue<string>()).Where(id => !deleted.Contains(id));
            return FolderIds().Concat(batched).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        }
    }

    public JsonObject Metadata(string runId)
    {
        var path = Path.Combine(RunsDirectory, runId, "run.json");
        return File.Exists(path) ? ParseObject(path) : BatchRecords().First(r => r.Run["id"]!.GetValue<string>() == runId).Run;
    }

    /// <summary>The run's writer states: its folder's state files, plus the last batch record of each other writer.</summary>
    public IReadOnlyList<JsonObject> WriterStates(string runId)
    {
        var directory = Path.Combine(RunsDirectory, runId);
        var states = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.state.json").Select(ParseObject).ToList() : new List<JsonObject>();
        var batched = BatchRecords()
            .Where(r => r.Run["id"]!.GetValue<string>() == runId)
            .GroupBy(r => r.State["writer"]!.GetValue<string>())
            .Select(g => g.Last().State)
            .Where(s => !states.Any(f => f["writer"]!.GetValue<string>() == s["writer"]!.GetValue<string>()));
        return states.Concat(batched).ToList();
    }

    public IReadOnlyList<JsonObject> HistoryRows(string runId)
    {
        var directory = Path.Combine(RunsDirectory, runId);
        return !Directory.Exists(directory)
            ? new List<JsonObject>()
            : Directory.GetFiles(directory, "*.history.jsonl")
                .SelectMany(File.ReadAllLines)
                .Where(l => l.Length > 0)
                .Select(l => JsonNode.Parse(l)!.AsObject())
                .OrderBy(r => r["_step"]!.GetValue<long>())
                .ToList();
    }

    /// <summary>Every record of every batch file, in file-name order, then line order.</summary>
    public IReadOnlyList<(JsonObject Run, JsonObject State)> BatchRecords()
    {
        var directory = Path.Combine(Root, "batches");
        return !Directory.Exists(directory)
            ? new List<(JsonObject, JsonObject)>()
            : Directory.GetFiles(directory, "*.runs.jsonl")
                .OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(File.ReadAllLines)
                .Where(l => l.Length > 0)
                .Select(l => JsonNode.Parse(l)!.AsObject())
                .Select(o => (o["run"]!.AsObject(), o["state"]!.AsObject()))
                .ToList();
    }

    private IEnumerable<string> FolderIds() =>
        Directory.Exists(RunsDirectory) ? Directory.GetDirectories(RunsDirectory).Select(d => Path.GetFileName(d)!) : Enumerable.Empty<string>();

    private static JsonObject ParseObject(string path) => JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!.AsObject();
}
