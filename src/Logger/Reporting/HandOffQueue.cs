namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Hands test results from the thread that reports them to the one writer thread, which takes everything queued at
/// once. The writer sleeps on a monitor between results, never spinning: <c>BlockingCollection</c> spins in
/// <c>SemaphoreSlim</c> before each result it waits for, and over a 2,000-test run that cost a third of a second of
/// CPU beside the test host, which on a two-core CI machine is the tests' own time (docs/benchmarks.md, testlogger).
/// </summary>
/// <typeparam name="T">What is handed over.</typeparam>
internal sealed class HandOffQueue<T>
{
    private readonly object _gate = new();
    private List<T> _items = new();
    private bool _completed;

    /// <summary>Items queued and not yet taken.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="item"/> and wakes the taker; false, and nothing queued, once adding is complete.</summary>
    public bool TryAdd(T item)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _items.Add(item);
            if (_items.Count == 1)
            {
                // Only an empty queue can have a taker waiting on it.
                Monitor.Pulse(_gate);
            }

            return true;
        }
    }

    /// <summary>No more items will come: the taker gets what is queued, then false.</summary>
    public void CompleteAdding()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Waits until something is queued, then takes all of it, in the order it was added; false once adding is complete
    /// and nothing is left.
    /// </summary>
    public bool TryTakeAll(out IReadOnlyList<T> taken)
    {
        lock (_gate)
        {
            while (_items.Count == 0)
            {
                if (_completed)
                {
                    taken = Array.Empty<T>();
                    return false;
                }

                Monitor.Wait(_gate);
            }

            taken = _items;
            _items = new List<T>();
            return true;
        }
    }
}
