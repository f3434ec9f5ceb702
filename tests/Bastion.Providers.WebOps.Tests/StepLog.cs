using Bastion.Core.Progress;

namespace Bastion.Providers.WebOps.Tests;

/// <summary>Every progress step a service reported, in order of arrival (reports may come from other threads).</summary>
internal sealed class StepLog : IProgress<StepProgress>
{
    private readonly Lock _gate = new();
    private readonly List<StepProgress> _values = [];

    public IReadOnlyList<StepProgress> Values
    {
        get
        {
            lock (_gate)
            {
                return [.. _values];
            }
        }
    }

    public void Report(StepProgress value)
    {
        lock (_gate)
        {
            _values.Add(value);
        }
    }
}
