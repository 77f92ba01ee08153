namespace Wandb.Grouping.Curves;

/// <summary>
/// One run's values of one metric, bucketed on x as they stream in: per bucket the last value (by
/// position in the history), the min and the max. At most <c>maxBuckets</c> buckets are kept; when a new x
/// falls outside that span every bucket width doubles and neighbours merge (see <see cref="BucketScale"/>).
/// Memory is bounded by the bucket count whatever the length of the history.
/// </summary>
internal sealed class RunMetricBuckets
{
    private readonly int _maxBuckets;
    private double _inverseWidth;
    private double[] _last = new double[16];
    private long[] _seq = new long[16];
    private double[] _min = new double[16];
    private double[] _max = new double[16];

    public RunMetricBuckets(int exponent, int maxBuckets)
    {
        Exponent = exponent;
        _maxBuckets = maxBuckets;
        _inverseWidth = Math.Pow(2, -exponent);
    }

    /// <summary>
    /// Buckets as <see cref="Wandb.Storage.Curves.CurveCacheCodec"/> read them back: one slot per element of the arrays from
    /// <paramref name="first"/>, a slot whose sequence number is 0 being a gap.
    /// </summary>
    internal RunMetricBuckets(int exponent, int maxBuckets, long first, long points, long nonFinite, double[] last, long[] seq, double[] min, double[] max)
        : this(exponent, maxBuckets)
    {
        First = first;
        Span = seq.Length;
        Points = points;
        NonFinite = nonFinite;
        _last = last;
        _seq = seq;
        _min = min;
        _max = max;
    }

    /// <summary>Width exponent: buckets are 2^Exponent wide.</summary>
    public int Exponent { get; private set; }

    /// <summary>Index of the first bucket; bucket i covers [(First + i) * width, (First + i + 1) * width).</summary>
    public long First { get; private set; }

    /// <summary>Number of buckets from the first to the last holding a value (gaps included).</summary>
    public int Span { get; private set; }

    /// <summary>Finite values added.</summary>
    public long Points { get; private set; }

    /// <summary>NaN or infinite values seen and left out.</summary>
    public long NonFinite { get; private set; }

    public void CountNonFinite() => NonFinite++;

    /// <summary>Adds <paramref name="value"/> at <paramref name="x"/>; <paramref name="seq"/> orders values within the run (later wins the bucket's last value).</summary>
    public void Add(double x, double value, long seq)
    {
        if (Math.Abs(x) * _inverseWidth >= BucketScale.MaxIndex)
        {
            CoarsenTo(BucketScale.FitExponent(x, Exponent));
        }

        var index = (long)Math.Floor(x * _inverseWidth);
        if (Span == 0)
        {
            First = index;
            Span = 1;
            Set(0, value, seq, fresh: true);
            Points++;
            return;
        }

        var low = Math.Min(First, index);
        var high = Math.Max(First + Span - 1, index);
        var levels = 0;
        while (BucketScale.Coarsen(high, levels) - BucketScale.Coarsen(low, levels) + 1 > _maxBuckets)
        {
            levels++;
        }

        if (levels > 0)
        {
            CoarsenTo(Exponent + levels);
            index = BucketScale.Coarsen(index, levels);
        }

        if (index < First)
        {
            ShiftRight((int)(First - index));
            First = index;
        }

        var slot = (int)(index - First);
        if (slot >= Span)
        {
            EnsureCapacity(slot + 1);
            for (var i = Span; i <= slot; i++)
            {
                _seq[i] = 0;
            }

            Span = slot + 1;
        }

        Set(slot, value, seq, fresh: _seq[slot] == 0);
        Points++;
    }

    /// <summary>The bucket at <paramref name="slot"/>, or false for a gap.</summary>
    public bool TryGet(int slot, out double last, out long seq, out double min, out double max)
    {
        seq = _seq[slot];
        last = _last[slot];
        min = _min[slot];
        max = _max[slot];
        return seq != 0;
    }

    /// <summary>
    /// Coarsens until the buckets span at most <paramref name="maxBuckets"/>: buckets collected with a larger bound end
    /// as they would have been collected with this one (the width a collector reaches is the finest at which its range
    /// fits, and merging buckets is exact), which lets a run bucketed once serve every smaller bucket count.
    /// </summary>
    public void FitWithin(int maxBuckets)
    {
        if (Span == 0)
        {
            return;
        }

        var levels = 0;
        while (BucketScale.Coarsen(First + Span - 1, levels) - BucketScale.Coarsen(First, levels) + 1 > maxBuckets)
        {
            levels++;
        }

        CoarsenTo(Exponent + levels);
    }

    /// <summary>Doubles the width until it is 2^<paramref name="exponent"/>, merging neighbouring buckets.</summary>
    public void CoarsenTo(int exponent)
    {
        var levels = exponent - Exponent;
        if (levels <= 0)
        {
            return;
        }

        Exponent = exponent;
        _inverseWidth = Math.Pow(2, -exponent);
        if (Span == 0)
        {
            return;
        }

        // Rare (a few times per run), so fresh arrays keep the merge simple rather than clever in place.
        var first = BucketScale.Coarsen(First, levels);
        var span = (int)(BucketScale.Coarsen(First + Span - 1, levels) - first + 1);
        var size = Math.Max(16, span);
        var last = new double[size];
        var seqs = new long[size];
        var min = new double[size];
        var max = new double[size];
        for (var i = 0; i < Span; i++)
        {
            var seq = _seq[i];
            if (seq == 0)
            {
                continue;
            }

            var target = (int)(BucketScale.Coarsen(First + i, levels) - first);
            if (seqs[target] == 0)
            {
                last[target] = _last[i];
                seqs[target] = seq;
                min[target] = _min[i];
                max[target] = _max[i];
                continue;
            }

            if (seq > seqs[target])
            {
                last[target] = _last[i];
                seqs[target] = seq;
            }

            min[target] = Math.Min(min[target], _min[i]);
            max[target] = Math.Max(max[target], _max[i]);
        }

        _last = last;
        _seq = seqs;
        _min = min;
        _max = max;
        First = first;
        Span = span;
    }

    private void Set(int slot, double value, long seq, bool fresh)
    {
        if (fresh)
        {
            _last[slot] = value;
            _seq[slot] = seq;
            _min[slot] = value;
            _max[slot] = value;
            return;
        }

        if (seq >= _seq[slot])
        {
            _last[slot] = value;
            _seq[slot] = seq;
        }

        if (value < _min[slot])
        {
            _min[slot] = value;
        }

        if (value > _max[slot])
        {
            _max[slot] = value;
        }
    }

    private void ShiftRight(int by)
    {
        EnsureCapacity(Span + by);
        Array.Copy(_last, 0, _last, by, Span);
        Array.Copy(_seq, 0, _seq, by, Span);
        Array.Copy(_min, 0, _min, by, Span);
        Array.Copy(_max, 0, _max, by, Span);
        Array.Clear(_seq, 0, by);
        Span += by;
    }

    private void EnsureCapacity(int capacity)
    {
        if (capacity <= _seq.Length)
        {
            return;
        }

        var size = Math.Max(capacity, Math.Min(_seq.Length * 2, Math.Max(_maxBuckets, capacity)));
        Array.Resize(ref _last, size);
        Array.Resize(ref _seq, size);
        Array.Resize(ref _min, size);
        Array.Resize(ref _max, size);
    }
}
