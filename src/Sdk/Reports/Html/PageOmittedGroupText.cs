using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Wandb.Grouping;
using Wandb.Json;
using Wandb.Reports.Json;

namespace Wandb.Reports.Html;

/// <summary>
/// A summarised group's entry in the page data's <c>omitted.summary_only</c> (<see cref="PageOmittedWriter"/>), made once per
/// group object as the page's writer writes it (<see cref="GroupTexts"/>): the part that depends on the group alone
/// (<see cref="GroupTexts.Head"/>), and its statistics of each metric. At 100,000 runs the page lists 475 summarised groups,
/// whose statistics took about 1.4 ms of the page's core in a trace when formatted on every refresh.
/// </summary>
internal sealed class PageOmittedGroupText : GroupTexts
{
    private static readonly ConditionalWeakTable<RunGroup, PageOmittedGroupText> Made = new();

    private PageOmittedGroupText(RunGroup group)
        : base(group)
    {
    }

    /// <summary>The texts of <paramref name="group"/>, made now or before.</summary>
    public static PageOmittedGroupText Of(RunGroup group) => Made.GetValue(group, g => new PageOmittedGroupText(g));

    /// <summary>Whether the texts of <paramref name="group"/> were made already (by a read-ahead or an earlier page).</summary>
    public static bool IsMade(RunGroup group) => Made.TryGetValue(group, out _);

    /// <summary>Makes the texts of <paramref name="groups"/> and of each one's metrics, ahead of the page.</summary>
    public static void Make(IEnumerable<RunGroup> groups) => Make(groups, Of);

    /// <summary>The whole entry with the statistics of <paramref name="metrics"/> that the group has values of, in their order.</summary>
    public string Entry(IReadOnlyList<string> metrics) => Format(json => WriteEntry(json, metrics));

    /// <summary>
    /// Writes <see cref="Entry"/> as the next value of <paramref name="json"/>, piece by piece: joined into one string first,
    /// the 475 entries of a 100,000-run store's page were 475 new strings of 0.3-1 KB, about 0.75 ms of the page's core
    /// (perf), for texts made before.
    /// </summary>
    public void WriteEntry(JsonWriter json, IReadOnlyList<string> metrics)
    {
        // The head as a raw value, which puts the comma before it; the rest raw, inside that value.
        json.WriteRawValue(Head);
        var first = true;
        foreach (var metric in metrics)
        {
            var text = Metric(metric);
            if (text.Length == 0)
            {
                continue;
            }

            if (!first)
            {
                json.WriteRaw(",");
            }

            json.WriteRaw(text);
            first = false;
        }

        json.WriteRaw("}}");
    }

    /// <summary>
    /// The entry's start, up to and including the opening brace of its <c>stats</c>: the group's name, projects, run count,
    /// states and latest run's creation.
    /// </summary>
    protected override string FormatHead() => Format(json =>
    {
        json.WriteStartObject();
        json.WriteProperty(JsonFields.Group, RunsJsonWriter.GroupName(Group));
        json.WriteStringArray("projects", Group.Projects);
        json.WriteProperty(JsonFields.Runs, Group.RunCount);
        RunsJsonWriter.WriteStates(json, Group);
        json.WriteRoundTripTime("latest", Group.Newest);
        json.WritePropertyName("stats");
        json.WriteStartObject();
    });

    /// <summary>The <c>"metric":[n,mean,std,min,max]</c> member of <c>stats</c>, or an empty string when the group has no value of it.</summary>
    protected override string FormatMetric(string metric)
    {
        if (!Group.Summary.TryGetValue(metric, out var stats) || stats.N == 0)
        {
            return string.Empty;
        }

        var text = Format(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName(metric);
            json.WriteStartArray();
            json.WriteValue(stats.N);
            foreach (var value in new[] { stats.Mean, stats.Std, stats.Min, stats.Max })
            {
                json.WriteShortNumber(value, "R");
            }

            json.WriteEndArray();
        });

        // Without the brace of the object it was written in: the member goes into the entry's stats.
        return text.Substring(1);
    }

    /// <summary>What <paramref name="write"/> writes with the page data's writer settings (<see cref="HtmlReportWriter.CreateDataWriter"/>).</summary>
    private static string Format(Action<JsonWriter> write)
    {
        var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = HtmlReportWriter.CreateDataWriter(buffer))
        {
            write(json);
            json.Flush();
            return buffer.ToString();
        }
    }
}
