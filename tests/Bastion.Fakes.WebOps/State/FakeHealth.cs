namespace Bastion.Fakes.WebOps.State;

/// <summary>The figures <c>/monitoring/api/system/health/</c> reports; tests change them.</summary>
public sealed class FakeHealth
{
    public double CpuPercent { get; set; } = 23.0;

    public double MemoryPercent { get; set; } = 48.2;

    public double DiskPercent { get; set; } = 61.0;

    public double LoadAverage1m { get; set; } = 0.42;

    public int CeleryWorkers { get; set; } = 2;

    public bool BeatRunning { get; set; } = true;

    public int Alerts { get; set; } = 2;

    public int CriticalAlerts { get; set; }
}
