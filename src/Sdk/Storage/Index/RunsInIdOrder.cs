namespace Wandb.Storage.Index;

/// <summary>Looks runs up in a listing in id order (<see cref="IndexListing.Runs"/>) by halving, without a dictionary of every run.</summary>
internal static class RunsInIdOrder
{
    /// <summary>The index of the first run from <paramref name="from"/> on whose id is not ordinally less than <paramref name="id"/>.</summary>
    public static int FirstAtOrAfter(IReadOnlyList<IndexedRun> runs, string id, int from = 0)
    {
        int low = from, high = runs.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(runs[middle].Id, id) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The run of <paramref name="id"/>; null when it is not listed.</summary>
    public static IndexedRun? Find(IReadOnlyList<IndexedRun> runs, string id)
    {
        var at = FirstAtOrAfter(runs, id);
        return at < runs.Count && string.Equals(runs[at].Id, id, StringComparison.Ordinal) ? runs[at] : null;
    }

    /// <summary>Two lists of distinct runs, each in id order, merged into one in id order.</summary>
    public static List<IndexedRun> Merge(IReadOnlyList<IndexedRun> first, IReadOnlyList<IndexedRun> second)
    {
        var merged = new List<IndexedRun>(first.Count + second.Count);
        int i = 0, j = 0;
        while (i < first.Count || j < second.Count)
        {
            merged.Add(j >= second.Count || (i < first.Count && string.CompareOrdinal(first[i].Id, second[j].Id) < 0) ? first[i++] : second[j++]);
        }

        return merged;
    }
}
