using Newtonsoft.Json;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes the Welch group comparisons the page shows next to the grouped table. Filled from the grouping
/// engine's comparison once it is merged; until then the page shows that no comparison is available.
/// </summary>
internal static class ComparisonWriter
{
    public static void Write(JsonWriter json, IReadOnlyList<StoredRun> runs)
    {
        _ = runs;
        json.WriteStartArray();
        json.WriteEndArray();
    }
}
