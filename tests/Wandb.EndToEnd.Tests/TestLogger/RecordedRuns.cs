using System.Text.Json.Nodes;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.TestLogger;

/// <summary>One run as the store files show it, with its writers merged the way docs/store-format.md says.</summary>
internal sealed record RecordedRun(string Id, string Name, string? Group, string? JobType, string State, JsonObject Config, JsonObject Summary, int Writers, int HistoryRows)
{
    public static IReadOnlyList<RecordedRun> ReadAll(StoreFiles store) => store.RunIds.Select(id => Read(store, id)).ToList();

    private static RecordedRun Read(StoreFiles store, string id)
    {
        var metadata = store.Metadata(id);
        var writers = store.WriterStates(id);
        var config = new JsonObject();
        var summary = new JsonObject();
        foreach (var writer in writers)
        {
            foreach (var pair in writer["config"]!.AsObject())
            {
                config[pair.Key] = pair.Value?.DeepClone();
            }

            foreach (var pair in writer["summary"]!.AsObject())
            {
                summary[pair.Key] = pair.Value?.DeepClone();
            }
        }

        var states = writers.Select(w => (string)w["state"]!).ToList();
        var state = states.Contains("failed") ? "failed" : states.All(s => s == "finished") ? "finished" : string.Join(",", states);
        return new RecordedRun(
            id,
            (string)metadata["name"]!,
            (string?)metadata["group"],
            (string?)metadata["job_type"],
            state,
            config,
            summary,
            writers.Count,
            store.HistoryRows(id).Count);
    }
}
