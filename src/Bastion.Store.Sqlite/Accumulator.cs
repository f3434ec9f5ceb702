using Bastion.Core.History;

namespace Bastion.Store.Sqlite;

/// <summary>
/// One series' points as rows stream in: each row (a raw sample, or a rollup with its sample count) goes to the step it
/// falls in, summed with its count, and min and max kept. Values are the store's thousandths; <see cref="ToPoints"/>
/// gives the unit's figures, oldest step first. Rows of one step usually arrive together, so the last step is looked at
/// first.
/// </summary>
internal sealed class Accumulator(long stepSeconds)
{
    private readonly List<Step> _steps = [];
    private readonly Dictionary<long, int> _index = [];
    private int _last = -1;

    /// <summary>Steps with at least one row.</summary>
    public int Count => _steps.Count;

    /// <summary>Adds a row at <paramref name="seconds"/>: <paramref name="sum"/> of <paramref name="count"/> samples.</summary>
    public void Add(long seconds, long sum, long count, long min, long max, bool rollup)
    {
        var start = seconds / stepSeconds * stepSeconds;
        if (_last < 0 || _steps[_last].Start != start)
        {
            if (!_index.TryGetValue(start, out _last))
            {
                _last = _steps.Count;
                _index[start] = _last;
                _steps.Add(new Step { Start = start, Min = long.MaxValue, Max = long.MinValue });
            }
        }

        var step = _steps[_last];
        step.Sum += sum;
        step.Count += count;
        step.Min = Math.Min(step.Min, min);
        step.Max = Math.Max(step.Max, max);
        step.Rollup |= rollup;
    }

    /// <summary>The points, oldest first, in the value's unit.</summary>
    public List<StoredPoint> ToPoints() =>
        [.. _steps.Where(s => s.Count > 0).OrderBy(s => s.Start)
            .Select(s => new StoredPoint(DateTimeOffset.FromUnixTimeSeconds(s.Start), s.Sum / (double)s.Count / Scale, s.Min / Scale, s.Max / Scale, s.Rollup))];

    private const double Scale = 1000;

    private sealed class Step
    {
        public long Start { get; init; }

        public long Sum { get; set; }

        public long Count { get; set; }

        public long Min { get; set; }

        public long Max { get; set; }

        public bool Rollup { get; set; }
    }
}
