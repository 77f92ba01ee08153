using Wandb.Grouping;
using Wandb.Grouping.Aggregates;

namespace Wandb.Reports.Json;

/// <summary>
/// The text of a group's entry in runs.json's <c>groups</c>, made once per object (<see cref="KeptTexts{TKey}"/>): per
/// aggregate for a summarised group, per group for one shown in full. A store object keeps the aggregate of a group whose
/// runs did not change (the folder store's group index), and an aggregate never changes; a group shown in full is the same
/// object while its runs are (<see cref="RunGroupCache"/>), and a group never changes either. So a refresh writes anew only
/// the groups that changed: the 500 summarised groups of a 100,000-run store took about 15 ms of every refresh, their
/// statistics formatted number by number, and the 50 shown in full about 4 ms with their 4,800 run ids.
/// </summary>
internal static class RunsJsonGroupEntries
{
    private static readonly KeptTexts<GroupAggregate> Texts = new(
        "groups",
        (json, aggregate) => RunsJsonWriter.WriteGroup(json, RunGroupCache.Of(aggregate), Array.Empty<string>()));

    private static readonly KeptTexts<RunGroup> ShownTexts = new(
        "groups",
        (json, group) => RunsJsonWriter.WriteGroup(json, group, group.Runs.Select(r => r.Id)));

    /// <summary>The group's entry as the indented runs.json writes it inside <c>groups</c>, without the line break and indent before it.</summary>
    public static string Of(GroupAggregate aggregate) => Texts.Of(aggregate);

    /// <summary>The entry of a group every run of which runs.json lists, written as <see cref="Of(GroupAggregate)"/> is.</summary>
    public static string OfShown(RunGroup group) => ShownTexts.Of(group);

    /// <summary>The aggregate's entry as UTF-8, made once (<see cref="KeptTexts{TKey}.Utf8Of"/>).</summary>
    public static byte[] Utf8Of(GroupAggregate aggregate) => Texts.Utf8Of(aggregate);

    /// <summary>The entry of a group shown in full as UTF-8, made once.</summary>
    public static byte[] Utf8OfShown(RunGroup group) => ShownTexts.Utf8Of(group);

    /// <summary>Whether the entry of a group shown in full was made already (by a read-ahead or an earlier report).</summary>
    public static bool IsMade(RunGroup group) => ShownTexts.IsMade(group);

    /// <summary>Makes the entries of groups shown in full not made yet, ahead of the report that writes them.</summary>
    public static void MakeShown(IReadOnlyList<RunGroup> groups) => ShownTexts.Make(groups, utf8: true);

    /// <summary>Whether the aggregate's entry was made already (by a read-ahead or an earlier report).</summary>
    public static bool IsMade(GroupAggregate aggregate) => Texts.IsMade(aggregate);

    /// <summary>Makes the entries of <paramref name="aggregates"/> not made yet, ahead of the report that writes them.</summary>
    public static void Make(IEnumerable<GroupAggregate> aggregates)
    {
        foreach (var aggregate in aggregates)
        {
            Utf8Of(aggregate);
        }
    }
}
