using System.Diagnostics;

namespace Bastion.Core.Tests.Credentials;

/// <summary>A clock that moves only when told; its timers fire as it moves past their due time.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _armed = [];
    private readonly List<TimeSpan> _scheduled = [];
    private DateTimeOffset _now = start;

    /// <summary>The due time of every timer armed so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Scheduled
    {
        get
        {
            lock (_gate)
            {
                return [.. _scheduled];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing each timer due on the way at its due time.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (FireNext(target))
        {
        }

        lock (_gate)
        {
            if (_now < target)
            {
                _now = target;
            }
        }
    }

    /// <summary>
    /// Advances to each next timer until <paramref name="task"/> completes, waiting a little (real time) whenever no
    /// timer is armed yet, so that retry delays pass in no time. Fails after 5 s of real time.
    /// </summary>
    public async Task<T> RunUntilDone<T>(Task<T> task)
    {
        var started = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (!FireNext(DateTimeOffset.MaxValue))
            {
                await Task.Delay(1);
            }

            if (started.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new TimeoutException("the task did not complete");
            }
        }

        return await task;
    }

    internal void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _armed.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return;
            }

            _scheduled.Add(dueTime);
            timer.DueAt = _now + dueTime;
            timer.Period = period;
            _armed.Add(timer);
        }
    }

    internal void Disarm(ManualTimer timer)
    {
        lock (_gate)
        {
            _armed.Remove(timer);
            timer.DueAt = null;
        }
    }

    private bool FireNext(DateTimeOffset until)
    {
        ManualTimer? next;
        lock (_gate)
        {
            next = _armed.Where(t => t.DueAt <= until).MinBy(t => t.DueAt);
            if (next is null)
            {
                return false;
            }

            if (next.DueAt > _now)
            {
                _now = next.DueAt!.Value;
            }

            if (next.Period == Timeout.InfiniteTimeSpan || next.Period == TimeSpan.Zero)
            {
                _armed.Remove(next);
                next.DueAt = null;
            }
            else
            {
                next.DueAt = _now + next.Period;
            }
        }

        next.Fire();
        return true;
    }
}
