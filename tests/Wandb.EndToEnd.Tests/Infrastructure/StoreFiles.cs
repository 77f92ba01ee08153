using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wandb.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads a folder store through its documented file format (docs/store-format.md), independently of the
/// SDK's reader: the end-to-end tests check what a user or another tool would find on disk.
/// </summary>
public sealed class StoreFiles
{
    public StoreFiles(string root) => Root = root;

    public string Root { get; }

    public IReadOnlyList<string> RunIds =>
        Directory.Exists(Path.Combine(Root, "runs"))
            ? Directory.GetDirectories(Path.Combine(Root, "runs")).Select(Path.GetFileName).Where(n => n is not null).Select(n => n!).OrderBy(n => n).ToList()
            : new List<string>();

    public JsonObject Metadata(string runId) => ParseObject(Path.Combine(Root, "runs", runId, "run.json"));

    public IReadOnlyList<JsonObject> WriterStates(string runId) =>
        Directory.GetFiles(Path.Combine(Root, "runs", runId), "*.state.json").Select(ParseObject).ToList();

    public IReadOnlyList<JsonObject> HistoryRows(string runId) =>
        Directory.GetFiles(Path.Combine(Root, "runs", runId), "*.history.jsonl")
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .OrderBy(r => r["_step"]!.GetValue<long>())
            .ToList();

    private static JsonObject ParseObject(string path) => JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!.AsObject();
}
