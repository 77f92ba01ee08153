using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Wandb.Grouping.Aggregates;
using Wandb.Storage.Folder;
using Wandb.Storage.Index.Groups;

namespace Wandb.Sdk.Tests.Storage.Index;

/// <summary>
/// The group index's file of changes (<c>index/groups.v2.delta.jsonl</c>): past a size, a refresh writes the groups
/// changed since the whole file was written beside it instead of writing 3 MB again, and every reader of the two files
/// must see what a reader of one whole file computed from every run sees. A file of changes that does not apply to the
/// whole file beside it must be passed over, never applied.
/// </summary>
[TestClass]
public sealed class GroupIndexChangesTests
{
    [TestMethod]
    public void A_refresh_writes_only_the_changed_groups_beside_the_whole_file_and_a_new_store_object_reads_both()
    {
        using var store = StoreWithOldGroups();
        var kept = Lowered(store);
        kept.AggregateGroups();
        var whole = File.ReadAllText(WholePath(store));
        Assert.IsFalse(File.Exists(DeltaPath(store)), "the first index is written whole");

        store.AddRun("build", "a", Summary(0.5));
        kept.AggregateGroups();

        Assert.AreEqual(whole, File.ReadAllText(WholePath(store)), "the whole file is not written again");
        var delta = File.ReadAllLines(DeltaPath(store));
        Assert.AreEqual(IdOf(whole), Regex.Match(delta[0], "\"base\":\"([0-9a-f]{16})\"").Groups[1].Value, "the changes name the whole file they apply to");
        Assert.HasCount(3, delta, "header, the new group's line and the runs no group counts");
        StringAssert.Contains(delta[1], "\"group\":\"build\"");

        var fresh = Lowered(store);
        Assert.AreEqual(Computed(store), Describe(fresh.AggregateGroups()), "a new store object reads the whole file and the changes");
        Assert.AreEqual(0, fresh.RunsAssembledForGroups, "every aggregate is taken from the two files, the new group's too");

        // The two files hold the lines the whole file computed from every run holds, byte for byte.
        var wholeLines = whole.TrimEnd('\n').Split('\n');
        var expected = wholeLines.Skip(1).Take(wholeLines.Length - 2).Append(delta[1]).OrderBy(l => l, StringComparer.Ordinal).Append(delta[2]).ToList();
        File.Delete(WholePath(store));
        File.Delete(DeltaPath(store));
        store.Reader().AggregateGroups();
        CollectionAssert.AreEqual(expected, File.ReadAllLines(WholePath(store)).Skip(1).ToList());
    }

    [TestMethod]
    public void Once_the_changes_would_pass_an_eighth_of_the_whole_file_it_is_written_whole_again()
    {
        using var store = StoreWithOldGroups();
        var kept = Lowered(store);
        kept.AggregateGroups();
        var firstId = IdOf(File.ReadAllText(WholePath(store)));
        var builds = 0;
        var deltaSeen = false;
        while (IdOf(File.ReadAllText(WholePath(store))) == firstId)
        {
            Assert.IsLessThan(20, builds, "the whole file is written again within 20 new groups");
            store.AddRun("build-" + builds, "a" + builds, Summary(0.5));
            builds++;
            kept.AggregateGroups();
            deltaSeen |= File.Exists(DeltaPath(store));
        }

        Assert.IsTrue(deltaSeen, "changes were written beside the whole file before it was written again");
        Assert.IsFalse(File.Exists(DeltaPath(store)), "the changes are deleted once the whole file holds them");

        var written = File.ReadAllText(WholePath(store));
        File.Delete(WholePath(store));
        store.Reader().AggregateGroups();
        Assert.AreEqual(File.ReadAllText(WholePath(store)), written, "the whole file written again is the one computed from every run");
    }

    [TestMethod]
    public void A_group_gone_since_the_whole_file_was_written_is_a_removed_line_of_the_changes()
    {
        using var store = StoreWithOldGroups();
        var kept = Lowered(store);
        kept.AggregateGroups();
        var gone = kept.ListRuns().Where(r => r.Group == "old-0").Select(r => r.Id).ToList();
        Assert.HasCount(4, kept.DeleteRuns(gone, store.Output));
        kept.AggregateGroups();

        var delta = File.ReadAllLines(DeltaPath(store));
        Assert.HasCount(3, delta, "header, the removed group and the runs no group counts");
        StringAssert.StartsWith(delta[1], "{\"removed\":true,");
        StringAssert.Contains(delta[1], "\"group\":\"old-0\"");
        var read = GroupIndex.Read(WholePath(store));
        CollectionAssert.AreEqual(Enumerable.Range(1, 9).Select(g => "old-" + g).ToList(), read.Groups.Keys.Select(k => k.Group).OrderBy(g => g, StringComparer.Ordinal).ToList(), "the two files read as one without the group");
        var fresh = Lowered(store);
        Assert.AreEqual(Computed(store), Describe(fresh.AggregateGroups()));
        Assert.AreEqual(0, fresh.RunsAssembledForGroups, "the other groups' aggregates are taken as they are");
    }

    [TestMethod]
    public void Changes_that_name_another_whole_file_or_do_not_read_are_passed_over_and_the_runs_read_instead()
    {
        var cases = new Dictionary<string, Func<string, string>>
        {
            ["another whole file"] = text => Regex.Replace(text, "\"base\":\"[0-9a-f]{16}\"", "\"base\":\"0123456789abcdef\""),
            ["cut short"] = text => text.Substring(0, text.Length / 2),
            ["not JSON"] = text => text.Replace("\"members\":{", "\"members\":{not json"),
            ["a removed group the whole file lacks"] = text => text.Insert(text.IndexOf('\n') + 1, "{\"removed\":true,\"project\":\"proj\",\"group\":\"nowhere\"}\n"),
        };
        foreach (var (what, damage) in cases)
        {
            using var store = StoreWithOldGroups();
            var kept = Lowered(store);
            kept.AggregateGroups();
            store.AddRun("build", "a", Summary(0.5));
            kept.AggregateGroups();
            File.WriteAllText(DeltaPath(store), damage(File.ReadAllText(DeltaPath(store))));

            var fresh = Lowered(store);
            Assert.AreEqual(Computed(store), Describe(fresh.AggregateGroups()), what);
            Assert.AreEqual(1, fresh.RunsAssembledForGroups, what + ": the run the whole file does not count is read, the changes not taken");
        }
    }

    [TestMethod]
    public void Two_store_objects_writing_changes_against_the_same_whole_file_leave_an_index_true_of_the_runs()
    {
        using var store = StoreWithOldGroups();
        Lowered(store).AggregateGroups();
        var first = Lowered(store);
        var second = Lowered(store);
        first.AggregateGroups();
        second.AggregateGroups();

        store.AddRun("build-1", "a", Summary(0.5));
        first.AggregateGroups();
        store.AddRun("build-2", "b", Summary(0.6));
        second.AggregateGroups();
        store.AddRun("old-3", "c", Summary(0.7));
        first.AggregateGroups();

        var fresh = Lowered(store);
        Assert.AreEqual(Computed(store), Describe(fresh.AggregateGroups()));
        Assert.AreEqual(Computed(store), Describe(first.AggregateGroups()));
        Assert.AreEqual(Computed(store), Describe(second.AggregateGroups()));
    }

    /// <summary>A store object whose group index writes changes beside a whole file of any size, as a 100,000-run store's does.</summary>
    private static FolderRunStore Lowered(TempStore store)
    {
        var reader = (FolderRunStore)store.Reader();
        reader.GroupIndexDeltaFromBytes = 1;
        return reader;
    }

    /// <summary>The store as earlier builds left it: 10 groups of 4 runs, listed into the run index.</summary>
    private static TempStore StoreWithOldGroups()
    {
        var store = new TempStore();
        for (var g = 0; g < 10; g++)
        {
            for (var i = 0; i < 4; i++)
            {
                store.AddRun("old-" + g, $"run{g}{i}", Summary(0.01 * ((g * 4) + i)));
            }
        }

        store.Runs();
        return store;
    }

    /// <summary>The aggregates of every run, grouped in the process: what the group index must always give.</summary>
    private static string Computed(TempStore store) => Describe(GroupAggregator.Of(store.Runs()));

    private static string Describe(IReadOnlyList<GroupAggregate> aggregates) => JsonConvert.SerializeObject(aggregates, Formatting.Indented);

    private static string IdOf(string whole) => Regex.Match(whole.Substring(0, whole.IndexOf('\n')), "\"id\":\"([0-9a-f]{16})\"").Groups[1].Value;

    private static string WholePath(TempStore store) => Path.Combine(store.Root, "index", "groups.v2.jsonl");

    private static string DeltaPath(TempStore store) => Path.Combine(store.Root, "index", "groups.v2.delta.jsonl");

    private static Dictionary<string, object?> Summary(double loss) => new() { ["loss"] = loss };
}
