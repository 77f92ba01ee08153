using Wandb.Grouping;
using Wandb.Grouping.Aggregates;

namespace Wandb.Reports.Json;

/// <summary>
/// The text of a summarised group's entry in runs.json's <c>groups</c>, made once per aggregate object
/// (<see cref="KeptTexts{TKey}"/>). A store object keeps the aggregate of a group whose runs did not change (the folder
/// store's group index), and an aggregate never changes, so a refresh writes anew only the groups that changed: the 500
/// groups of a 100,000-run store took about 15 ms of every refresh, their statistics formatted number by number.
/// </summary>
internal static class RunsJsonGroupEntries
{
    private static readonly KeptTexts<GroupAggregate> Texts = new(
        "groups",
        (json, aggregate) => RunsJsonWriter.WriteGroup(json, RunGroupCache.Of(aggregate), Array.Empty<string>()));

    /// <summary>The group's entry as the indented runs.json writes it inside <c>groups</c>, without the line break and indent before it.</summary>
    public static string Of(GroupAggregate aggregate) => Texts.Of(aggregate);

    /// <summary>Whether the aggregate's entry was made already (by a read-ahead or an earlier report).</summary>
    public static bool IsMade(GroupAggregate aggregate) => Texts.IsMade(aggregate);

    /// <summary>Makes the entries of <paramref name="aggregates"/> not made yet, ahead of the report that writes them.</summary>
    public static void Make(IEnumerable<GroupAggregate> aggregates)
    {
        foreach (var aggregate in aggregates)
        {
            Of(aggregate);
        }
    }
}
