using System.Text;
using Wandb.Storage;
using Wandb.Storage.Codec;

namespace Wandb.TestSupport;

/// <summary>
/// A stored run as one comparable text: what a reader of the store gets, field by field. Two stores, or
/// two ways of writing one run, agree when their descriptions are equal.
/// </summary>
internal static class RunDescription
{
    public static string Of(StoredRun run, bool withCreatedAt = true) => Encoding.UTF8.GetString(StoreCodec.Serialize(new
    {
        run.Id,
        run.Name,
        run.Project,
        run.Group,
        run.JobType,
        run.Tags,
        run.Config,
        run.Summary,
        State = run.State.ToString(),
        run.ExitCode,
        CreatedAt = withCreatedAt ? run.CreatedAt : (DateTimeOffset?)null,
        run.FinishedAt,
        run.HistoryRows,
        run.System,
    }));
}
