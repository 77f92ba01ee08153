using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class HandOffQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    public void The_taker_gets_every_item_of_several_producers_once_and_each_producers_in_order()
    {
        const int Producers = 4;
        const int PerProducer = 5_000;
        var queue = new HandOffQueue<(int Producer, int Index)>();
        var taken = new List<(int Producer, int Index)>();
        var taker = Task.Run(() =>
        {
            while (queue.TryTakeAll(out var items))
            {
                taken.AddRange(items);
            }
        });

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                Assert.IsTrue(queue.TryAdd((p, i)));
            }
        })).ToArray();
        Assert.IsTrue(Task.WaitAll(producers, Patience));
        queue.CompleteAdding();
        Assert.IsTrue(taker.Wait(Patience), "The taker never saw the end of the queue.");

        Assert.HasCount(Producers * PerProducer, taken);
        for (var p = 0; p < Producers; p++)
        {
            CollectionAssert.AreEqual(Enumerable.Range(0, PerProducer).ToArray(), taken.Where(t => t.Producer == p).Select(t => t.Index).ToArray());
        }

        Assert.AreEqual(0, queue.Count);
    }

    [TestMethod]
    public void A_waiting_taker_wakes_for_the_first_item_and_takes_what_came_with_it()
    {
        var queue = new HandOffQueue<string>();
        IReadOnlyList<string>? first = null;
        var taker = Task.Run(() => queue.TryTakeAll(out first));

        // The taker is waiting (or about to); nothing else may wake it.
        Assert.IsFalse(taker.Wait(TimeSpan.FromMilliseconds(200)), "The taker returned from an empty queue.");
        Assert.IsTrue(queue.TryAdd("a"));
        Assert.IsTrue(taker.Wait(Patience), "Adding an item did not wake the taker.");
        Assert.IsTrue(taker.Result);
        CollectionAssert.AreEqual(new[] { "a" }, first!.ToArray());

        Assert.IsTrue(queue.TryAdd("b"));
        Assert.IsTrue(queue.TryAdd("c"));
        Assert.AreEqual(2, queue.Count);
        Assert.IsTrue(queue.TryTakeAll(out var next));
        CollectionAssert.AreEqual(new[] { "b", "c" }, next.ToArray());
        Assert.AreEqual(0, queue.Count);
    }

    [TestMethod]
    public void Completing_hands_over_what_is_left_refuses_more_and_wakes_a_waiting_taker()
    {
        var queue = new HandOffQueue<int>();
        Assert.IsTrue(queue.TryAdd(1));
        queue.CompleteAdding();

        Assert.IsFalse(queue.TryAdd(2));
        Assert.IsTrue(queue.TryTakeAll(out var left));
        CollectionAssert.AreEqual(new[] { 1 }, left.ToArray());
        Assert.IsFalse(queue.TryTakeAll(out var none));
        Assert.IsEmpty(none);

        var empty = new HandOffQueue<int>();
        var waiting = Task.Run(() => empty.TryTakeAll(out _));
        Assert.IsFalse(waiting.Wait(TimeSpan.FromMilliseconds(200)), "The taker returned from an empty queue.");
        empty.CompleteAdding();
        Assert.IsTrue(waiting.Wait(Patience), "Completing did not wake the taker.");
        Assert.IsFalse(waiting.Result);
    }
}
