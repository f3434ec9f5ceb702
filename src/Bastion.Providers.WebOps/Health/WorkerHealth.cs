using System.ComponentModel;

namespace Bastion.Providers.WebOps.Health;

/// <summary>WebOps's background workers (Celery), from <c>celery</c> of the health check.</summary>
internal sealed record WorkerHealth(
    [property: Description("True when at least one worker runs.")] bool? Healthy,
    [property: Description("Worker processes found.")] int? WorkerCount,
    [property: Description("True when the scheduler (celery beat) runs.")] bool? SchedulerRunning,
    [property: Description("The error WebOps met checking them; null when none.")] string? Error);
