using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Wandb.Grouping;
using Wandb.Grouping.Aggregates;
using Wandb.Json;

namespace Wandb.Reports.Json;

/// <summary>
/// The text of a summarised group's entry in runs.json's <c>groups</c>, made once per aggregate object. A store object keeps
/// the aggregate of a group whose runs did not change (the folder store's group index), and an aggregate never changes, so a
/// refresh writes anew only the groups that changed: the 500 groups of a 100,000-run store took about 15 ms of every
/// refresh, their statistics formatted number by number.
/// </summary>
internal static class RunsJsonGroupEntries
{
    private static readonly ConditionalWeakTable<GroupAggregate, string> Made = new();

    private static readonly ConditionalWeakTable<GroupAggregate, string>.CreateValueCallback Format = FormatEntry;

    /// <summary>The group's entry as the indented runs.json writes it inside <c>groups</c>, without the line break and indent before it.</summary>
    public static string Of(GroupAggregate aggregate) => Made.GetValue(aggregate, Format);

    /// <summary>Whether the aggregate's entry was made already (by a read-ahead or an earlier report).</summary>
    public static bool IsMade(GroupAggregate aggregate) => Made.TryGetValue(aggregate, out _);

    /// <summary>Makes the entries of <paramref name="aggregates"/> not made yet, ahead of the report that writes them.</summary>
    public static void Make(IEnumerable<GroupAggregate> aggregates)
    {
        foreach (var aggregate in aggregates)
        {
            Of(aggregate);
        }
    }

    private static string FormatEntry(GroupAggregate aggregate)
    {
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using var json = JsonConventions.CreateWriter(buffer, Formatting.Indented);
        json.WriteStartObject();
        json.WritePropertyName("groups");
        json.WriteStartArray();
        json.Flush();
        var start = buffer.GetStringBuilder().Length;
        RunsJsonWriter.WriteGroup(json, RunGroup.FromAggregates(new[] { aggregate }), Array.Empty<string>());
        json.Flush();

        // The writer put the array's line break and indent before the group; the report's writer puts its own.
        var text = buffer.GetStringBuilder();
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return text.ToString(start, text.Length - start);
    }
}
