namespace Wandb.Reports.Html;

/// <summary>
/// The memory the columns of one page work out their encoding in (<see cref="PageColumn.Write"/>), one column after the
/// other: a page of 5,000 runs has tens of columns, and a table of distinct values and an index per run each, made anew
/// per column, were most of what the runs table allocated.
/// </summary>
internal sealed class PageColumnScratch
{
    private readonly Dictionary<string, int> _distinct = new(StringComparer.Ordinal);
    private readonly List<string> _values = new();
    private int[] _index = Array.Empty<int>();

    /// <summary>
    /// An empty list for the values of a column that is written before the next one is made (the page's fields, each
    /// listing up to one value per run); it keeps the order values were added in, as a new one does.
    /// </summary>
    public List<string> Values(int capacity)
    {
        _values.Clear();
        if (_values.Capacity < capacity)
        {
            _values.Capacity = capacity;
        }

        return _values;
    }

    /// <summary>An empty table of distinct values; it keeps the order values were added in, as a new one does.</summary>
    public Dictionary<string, int> Distinct()
    {
        _distinct.Clear();
        return _distinct;
    }

    /// <summary>An array of at least <paramref name="count"/> indexes; only the first <paramref name="count"/> are the column's.</summary>
    public int[] Index(int count)
    {
        if (_index.Length < count)
        {
            _index = new int[count];
        }

        return _index;
    }
}
