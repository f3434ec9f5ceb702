namespace Bastion.Fakes.WebOps.State;

/// <summary>A deployment's running process as the system monitor would see it.</summary>
public sealed record FakeProcess(int Pid, double MemoryMb, double CpuPercent, DateTimeOffset StartedAt);
