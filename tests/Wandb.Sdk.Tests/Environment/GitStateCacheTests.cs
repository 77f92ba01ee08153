using Wandb.Environment;
using Wandb.Sdk.Tests.Fakes;

namespace Wandb.Sdk.Tests.Environment;

[TestClass]
public sealed class GitStateCacheTests
{
    [TestMethod]
    public void Several_runs_of_one_process_read_the_git_state_once_and_all_record_it()
    {
        using var store = new TempStore();
        var reader = new CountingGitReader(store.Root);
        var context = store.Context(new Dictionary<string, string?> { ["WANDB_DIR"] = store.Root }) with { Git = new GitStateCache(reader) };

        var ids = Enumerable.Range(0, 5).Select(i => store.Init(new RunOptions { Name = "run" + i }, context)).Select(run =>
        {
            run.Finish();
            return run.Id;
        }).ToList();

        Assert.AreEqual(1, reader.Reads, "one read per process, not one per Run.Init");
        foreach (var id in ids)
        {
            var system = store.Reader().GetRun(id)!.System;
            Assert.AreEqual("0123456789abcdef", system.GitCommit, id);
            Assert.AreEqual("main", system.GitBranch, id);
            Assert.AreEqual(true, system.GitDirty, id);
        }
    }

    [TestMethod]
    public void Runs_started_at_once_on_many_threads_share_one_read_made_off_their_threads()
    {
        var reader = new CountingGitReader("/repo") { Delay = TimeSpan.FromMilliseconds(50) };
        var cache = new GitStateCache(reader);
        var callers = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            callers.Add(System.Environment.CurrentManagedThreadId);
            Assert.AreEqual("main", cache.Begin("/repo/src/project" + i).Result?.Branch);
        });

        Assert.AreEqual(1, reader.Reads);
        Assert.IsFalse(callers.Contains(reader.ReadThread!.Value), "the read runs on a thread of its own, not a caller's");
    }

    [TestMethod]
    public void Each_repository_is_read_once_and_a_folder_outside_any_is_not_read()
    {
        var reader = new CountingGitReader("/repo");
        var cache = new GitStateCache(reader);

        Assert.IsNull(cache.Begin("/elsewhere").Result);
        Assert.AreEqual(0, reader.Reads);
        Assert.IsNotNull(cache.Begin("/repo/a").Result);
        Assert.IsNotNull(cache.Begin("/repo/b").Result);
        Assert.AreEqual(1, reader.Reads);
    }

    [TestMethod]
    public void A_run_with_git_disabled_does_not_read_it()
    {
        using var store = new TempStore();
        var reader = new CountingGitReader(store.Root);
        var context = store.Context() with { Git = new GitStateCache(reader) };

        var run = store.Init(new RunOptions(), context);
        run.Finish();

        Assert.AreEqual(0, reader.Reads);
        Assert.IsNull(store.Reader().GetRun(run.Id)!.System.GitCommit);
    }
}
