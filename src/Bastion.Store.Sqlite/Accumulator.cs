using System.Runtime.CompilerServices;
using Bastion.Core.History;

namespace Bastion.Store.Sqlite;

/// <summary>
/// One series' points as rows stream in: each row (a raw sample, or a rollup with its sample count) goes to the step it
/// falls in, summed with its count, and min and max kept. Values are the store's thousandths; <see cref="ToPoints"/>
/// gives the unit's figures, oldest step first. The steps are kept in time order in one array of structs: rows mostly
/// arrive in time order (a step after the last is appended, the last step is looked at first), and a row that comes
/// earlier (a raw sample of a window's first partial bucket, read after the rollup chunk of its day) finds or inserts
/// its step by binary search. Sums, counts, min and max are integers, so the order rows come in never changes a point.
/// No object per step; the array is sized up front for the steps the window can hold (up to <see cref="MaxPresized"/>;
/// it doubles when full), so a dense series never grows it, and <see cref="Clear"/> readies it for the next series of a
/// read without a new one; <see cref="Points"/> gives a series' points in a buffer kept for the next, for a reader that
/// only reduces them.
/// </summary>
internal sealed class Accumulator(long stepSeconds, int expectedSteps)
{
    /// <summary>Most steps the array is sized for before any row arrives: a sparse series over a long window takes no more room up front.</summary>
    private const int MaxPresized = 1024;

    private const double Scale = 1000;

    private Step[] _steps = new Step[Math.Clamp(expectedSteps, 1, MaxPresized)];
    private int _count;
    private int _last = -1;
    private StoredPoint[] _points = [];

    /// <summary>Steps with at least one row.</summary>
    public int Count => _count;

    /// <summary>Adds raw samples (each one value, its own min and max) at <paramref name="times"/> (seconds, in time
    /// order, as a chunk holds them) with <paramref name="values"/>, each as <see cref="Add"/> adds a row, in one loop
    /// into which the common placements are inlined.</summary>
    public void AddSamples(ReadOnlySpan<long> times, ReadOnlySpan<long> values)
    {
        for (var i = 0; i < times.Length; i++)
        {
            var (seconds, value) = (times[i], values[i]);
            Add(seconds, value, 1, value, value, rollup: false);
        }
    }

    /// <summary>Adds a row at <paramref name="seconds"/>: <paramref name="sum"/> of <paramref name="count"/> samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long seconds, long sum, long count, long min, long max, bool rollup)
    {
        if (!TryPlaceNear(seconds, sum, count, min, max, rollup))
        {
            Place(seconds, sum, count, min, max, rollup);
        }
    }

    /// <summary>Places a row in the last step looked at, or in the step after the newest while the array has room (as
    /// rows mostly come), without a division; false for any other row, and for one before 1970 (which the division puts
    /// elsewhere).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryPlaceNear(long seconds, long sum, long count, long min, long max, bool rollup)
    {
        if (_last < 0 || seconds < 0)
        {
            return false;
        }

        ref var step = ref _steps[_last];
        var into = seconds - step.Start;
        if ((ulong)into < (ulong)stepSeconds)
        {
            Merge(ref step, sum, count, min, max, rollup);
            return true;
        }

        if (_last == _count - 1 && _count < _steps.Length && (ulong)(into - stepSeconds) < (ulong)stepSeconds)
        {
            // Step starts are whole multiples of the step, so the next is the newest's start plus one step.
            _steps[_count] = new Step(step.Start + stepSeconds, sum, count, min, max, rollup);
            _last = _count++;
            return true;
        }

        return false;
    }

    /// <summary>Places any other row in the step the division gives it, found or inserted in order.</summary>
    private void Place(long seconds, long sum, long count, long min, long max, bool rollup)
    {
        var start = seconds / stepSeconds * stepSeconds;
        if (_last < 0 || _steps[_last].Start != start)
        {
            _last = Find(start);
        }

        Merge(ref _steps[_last], sum, count, min, max, rollup);
    }

    /// <summary>Adds a row to <paramref name="step"/>.</summary>
    private static void Merge(ref Step step, long sum, long count, long min, long max, bool rollup)
    {
        step.Sum += sum;
        step.Count += count;
        step.Min = Math.Min(step.Min, min);
        step.Max = Math.Max(step.Max, max);
        step.Rollup |= rollup;
    }

    /// <summary>The points, oldest first, in an array of their number.</summary>
    public StoredPoint[] ToPoints() => Points().ToArray();

    /// <summary>The points, oldest first, in a buffer this accumulator reuses: valid until the next call.</summary>
    public ReadOnlySpan<StoredPoint> Points()
    {
        if (_points.Length < _count)
        {
            _points = new StoredPoint[Math.Max(_count, _points.Length * 2)];
        }

        var at = 0;
        foreach (ref readonly var s in _steps.AsSpan(0, _count))
        {
            if (s.Count == 1 && s.Min == s.Sum && s.Max == s.Sum)
            {
                // One sample (a ranking's step is the sample interval): its value is the mean, min and max, one division
                // instead of four, each the same figure to the bit (a sum divided by a count of 1 is the sum).
                var value = s.Sum / Scale;
                _points[at++] = new StoredPoint(DateTimeOffset.FromUnixTimeSeconds(s.Start), value, value, value, s.Rollup);
            }
            else if (s.Count > 0)
            {
                _points[at++] = new StoredPoint(DateTimeOffset.FromUnixTimeSeconds(s.Start), s.Sum / (double)s.Count / Scale, s.Min / Scale, s.Max / Scale, s.Rollup);
            }
        }

        return _points.AsSpan(0, at);
    }

    /// <summary>Forgets every step, keeping the room they took, for the next series.</summary>
    public void Clear()
    {
        _count = 0;
        _last = -1;
    }

    /// <summary>The index of the step starting at <paramref name="start"/>, inserted in order when there is none.</summary>
    private int Find(long start)
    {
        if (_count == 0 || _steps[_count - 1].Start < start)
        {
            return Insert(_count, new Step(start));
        }

        var (lo, hi) = (0, _count - 1);
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var at = _steps[mid].Start;
            if (at == start)
            {
                return mid;
            }

            (lo, hi) = at < start ? (mid + 1, hi) : (lo, mid - 1);
        }

        return Insert(lo, new Step(start));
    }

    /// <summary>Puts <paramref name="step"/> at <paramref name="index"/>, moving those from there on one place up (the
    /// array doubled when full); returns the index.</summary>
    private int Insert(int index, Step step)
    {
        if (_count == _steps.Length)
        {
            Array.Resize(ref _steps, _steps.Length * 2);
        }

        Array.Copy(_steps, index, _steps, index + 1, _count - index);
        _steps[index] = step;
        _count++;
        return index;
    }

    private struct Step(long start, long sum = 0, long count = 0, long min = long.MaxValue, long max = long.MinValue, bool rollup = false)
    {
        public long Start = start;
        public long Sum = sum;
        public long Count = count;
        public long Min = min;
        public long Max = max;
        public bool Rollup = rollup;
    }
}
