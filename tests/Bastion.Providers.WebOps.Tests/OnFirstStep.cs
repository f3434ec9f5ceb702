using Bastion.Core.Progress;

namespace Bastion.Providers.WebOps.Tests;

/// <summary>Runs an action at the first progress step a service reports (e.g. to inject a fault mid-wait), synchronously.</summary>
internal sealed class OnFirstStep(Action action) : IProgress<StepProgress>
{
    private int _seen;

    public void Report(StepProgress value)
    {
        if (Interlocked.Exchange(ref _seen, 1) == 0)
        {
            action();
        }
    }
}
