using Newtonsoft.Json.Linq;
using Wandb.Grouping;
using Wandb.Reports.Html;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>
/// A summarised group's entry in the page data's <c>omitted.summary_only</c>, made once per group object and joined with
/// the key metrics of each page: it must say what the group's aggregates say, escaped as the page's writer escapes.
/// </summary>
[TestClass]
public sealed class PageOmittedGroupTextTests
{
    private const string Hostile = "</script><b>&\"x'";

    [TestMethod]
    public void An_entry_holds_the_groups_counts_and_the_statistics_of_the_metrics_asked_for_in_their_order()
    {
        var group = Group(Hostile, ("1", "finished", 0.5, 2.0), ("2", "failed", 0.7, null), ("3", "finished", 0.9, null));

        var text = PageOmittedGroupText.Of(group).Entry(new[] { "loss", "missing", "accuracy" });

        var entry = JObject.Parse(text);
        Assert.AreEqual(Hostile, (string?)entry["group"]);
        CollectionAssert.AreEqual(new[] { "p" }, entry["projects"]!.Select(p => (string)p!).ToArray());
        Assert.AreEqual(3, (int)entry["runs"]!);
        Assert.AreEqual(2, (int)entry["states"]!["finished"]!);
        Assert.AreEqual(1, (int)entry["states"]!["failed"]!);
        Assert.AreEqual(DateTimeOffset.UnixEpoch.AddSeconds(3), (DateTimeOffset)entry["latest"]!);
        var stats = (JObject)entry["stats"]!;
        CollectionAssert.AreEqual(new[] { "loss", "accuracy" }, stats.Properties().Select(p => p.Name).ToArray(), "in the order asked for, without the metric the group has no value of");
        var accuracy = (JArray)stats["accuracy"]!;
        Assert.AreEqual(3, (int)accuracy[0]);
        Assert.AreEqual(0.7, (double)accuracy[1], 1e-12);
        Assert.AreEqual(0.2, (double)accuracy[2], 1e-12);
        Assert.AreEqual(0.5, (double)accuracy[3], 1e-12);
        Assert.AreEqual(0.9, (double)accuracy[4], 1e-12);
        var loss = (JArray)stats["loss"]!;
        Assert.AreEqual(1, (int)loss[0]);
        Assert.AreEqual(JTokenType.Null, loss[2].Type, "the std dev of one value is undefined: null, as the page's writer writes it");
        Assert.IsFalse(text.Contains('<') || text.Contains('>') || text.Contains('&'), "a user string cannot close the data's script element: " + text);
    }

    [TestMethod]
    public void Entries_made_ahead_for_every_metric_equal_those_made_when_first_shown_and_are_made_once_per_group_object()
    {
        var runs = new[] { ("1", "finished", 0.5, (double?)2.0), ("2", "finished", 0.75, 1.5) };
        var ahead = Group("g", runs);
        var fresh = Group("g", runs);
        Assert.IsFalse(PageOmittedGroupText.IsMade(ahead));

        PageOmittedGroupText.Make(new[] { ahead });

        Assert.IsTrue(PageOmittedGroupText.IsMade(ahead));
        Assert.IsFalse(PageOmittedGroupText.IsMade(fresh), "another group object has texts of its own");
        Assert.AreSame(PageOmittedGroupText.Of(ahead), PageOmittedGroupText.Of(ahead));
        foreach (var metrics in new[] { new[] { "accuracy" }, new[] { "loss", "accuracy" }, new[] { "other" } })
        {
            Assert.AreEqual(PageOmittedGroupText.Of(fresh).Entry(metrics), PageOmittedGroupText.Of(ahead).Entry(metrics));
        }

        Assert.AreEqual("{}", JObject.Parse(PageOmittedGroupText.Of(ahead).Entry(new[] { "other" }))["stats"]!.ToString(Newtonsoft.Json.Formatting.None));
    }

    [TestMethod]
    public void Entries_written_piece_by_piece_into_the_pages_array_are_the_entries_separated_as_json()
    {
        var groups = new[]
        {
            Group("a", ("1", "finished", 0.5, 2.0), ("2", "finished", 0.75, 1.5)),
            Group(Hostile, ("3", "failed", 0.25, null)),
            Group("c", ("4", "finished", 0.125, 4.0)),
        };
        var metrics = new[] { "loss", "missing", "accuracy" };
        var buffer = new StringWriter();
        using (var json = HtmlReportWriter.CreateDataWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("summary_only");
            json.WriteStartArray();
            foreach (var group in groups)
            {
                PageOmittedGroupText.Of(group).WriteEntry(json, metrics);
            }

            json.WriteEndArray();
            json.WritePropertyName("after");
            json.WriteValue(1);
            json.WriteEndObject();
        }

        var written = JObject.Parse(buffer.ToString());
        var entries = (JArray)written["summary_only"]!;
        Assert.AreEqual(groups.Length, entries.Count);
        for (var i = 0; i < groups.Length; i++)
        {
            Assert.IsTrue(JToken.DeepEquals(JObject.Parse(PageOmittedGroupText.Of(groups[i]).Entry(metrics)), entries[i]), $"entry {i}: {entries[i]}");
        }

        CollectionAssert.AreEqual(new[] { "loss", "accuracy" }, ((JObject)entries[0]["stats"]!).Properties().Select(p => p.Name).ToArray());
        Assert.AreEqual(1, (int)written["after"]!, "the writer goes on after the raw entries as after any value");
    }

    private static RunGroup Group(string name, params (string Id, string State, double Accuracy, double? Loss)[] runs)
    {
        var stored = runs.Select(r => new StoredRun
        {
            Id = r.Id,
            Name = r.Id,
            Project = "p",
            Group = name,
            State = RunStateNames.Parse(r.State),
            CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(int.Parse(r.Id, System.Globalization.CultureInfo.InvariantCulture)),
            Summary = r.Loss is { } loss
                ? new Dictionary<string, object?> { ["accuracy"] = r.Accuracy, ["loss"] = loss }
                : new Dictionary<string, object?> { ["accuracy"] = r.Accuracy },
        }).ToList();
        return RunGrouper.Group(stored, new[] { GroupingKey.Parse(GroupingKey.Group) }).Groups.Single();
    }
}
