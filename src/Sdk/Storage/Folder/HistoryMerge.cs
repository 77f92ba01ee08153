namespace Wandb.Storage.Folder;

/// <summary>Merges the step-ordered histories of several writers of one run into one step-ordered stream, reading each lazily.</summary>
internal static class HistoryMerge
{
    public static IEnumerable<HistoryRow> Merge(IReadOnlyList<IEnumerable<HistoryRow>> sources)
    {
        var cursors = new List<IEnumerator<HistoryRow>>();
        try
        {
            foreach (var source in sources)
            {
                var cursor = source.GetEnumerator();
                if (cursor.MoveNext())
                {
                    cursors.Add(cursor);
                }
                else
                {
                    cursor.Dispose();
                }
            }

            while (cursors.Count > 0)
            {
                var best = 0;
                for (var i = 1; i < cursors.Count; i++)
                {
                    var candidate = cursors[i].Current;
                    var current = cursors[best].Current;
                    if (candidate.Step < current.Step || (candidate.Step == current.Step && candidate.Timestamp < current.Timestamp))
                    {
                        best = i;
                    }
                }

                yield return cursors[best].Current;
                if (!cursors[best].MoveNext())
                {
                    cursors[best].Dispose();
                    cursors.RemoveAt(best);
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }
}
