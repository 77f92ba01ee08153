using Wandb.Sdk.Tests.Fakes;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Storage;

[TestClass]
public sealed class WriterStateMergerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void A_running_writer_on_another_host_is_alive_while_its_heartbeat_is_fresh()
    {
        var writer = new WriterStateFile { Host = "other-host", State = "running", UpdatedAt = Now.AddSeconds(-30) };

        Assert.AreEqual(RunState.Running, WriterStateMerger.EffectiveState(writer, new ManualClock(Now), "this-host"));
    }

    [TestMethod]
    public void A_running_writer_on_another_host_without_heartbeat_for_two_minutes_is_crashed()
    {
        var writer = new WriterStateFile { Host = "other-host", State = "running", UpdatedAt = Now.AddMinutes(-3) };

        Assert.AreEqual(RunState.Crashed, WriterStateMerger.EffectiveState(writer, new ManualClock(Now), "this-host"));
    }

    [TestMethod]
    public void A_running_writer_on_this_host_whose_process_is_gone_is_crashed()
    {
        var writer = new WriterStateFile { Host = "this-host", State = "running", Pid = int.MaxValue - 7, UpdatedAt = Now };

        Assert.AreEqual(RunState.Crashed, WriterStateMerger.EffectiveState(writer, new ManualClock(Now), "this-host"));
    }

    [TestMethod]
    public void A_running_writer_whose_pid_was_reused_by_a_later_process_is_crashed()
    {
        var writer = new WriterStateFile { Host = "this-host", State = "running", Pid = System.Environment.ProcessId, ProcessStartedAt = Now.AddYears(-5), UpdatedAt = Now };

        Assert.AreEqual(RunState.Crashed, WriterStateMerger.EffectiveState(writer, new ManualClock(Now), "this-host"));
    }

    [TestMethod]
    public void The_summary_takes_each_metric_from_the_writer_updated_last_and_explicit_values_win()
    {
        var early = new WriterStateFile { Writer = "a", State = "finished", UpdatedAt = Now.AddMinutes(-2), Last = { ["loss"] = 0.5, ["acc"] = 0.7 }, Summary = { ["best"] = 1.0 } };
        var late = new WriterStateFile { Writer = "b", State = "finished", UpdatedAt = Now, Last = { ["loss"] = 0.3, ["best"] = 0.2 } };

        var merged = WriterStateMerger.Merge(new[] { late, early }, new ManualClock(Now), "h");

        Assert.AreEqual(0.3, merged.Summary["loss"]);
        Assert.AreEqual(0.7, merged.Summary["acc"]);
        Assert.AreEqual(1.0, merged.Summary["best"]);
    }

    [TestMethod]
    [DataRow(new[] { RunState.Finished, RunState.Running }, RunState.Running)]
    [DataRow(new[] { RunState.Finished, RunState.Crashed, RunState.Failed }, RunState.Crashed)]
    [DataRow(new[] { RunState.Finished, RunState.Failed }, RunState.Failed)]
    [DataRow(new[] { RunState.Killed, RunState.Finished }, RunState.Killed)]
    [DataRow(new[] { RunState.Finished, RunState.Finished }, RunState.Finished)]
    public void The_run_state_is_the_most_telling_of_its_writers(RunState[] writers, RunState expected)
    {
        Assert.AreEqual(expected, WriterStateMerger.CombineStates(writers));
    }
}
