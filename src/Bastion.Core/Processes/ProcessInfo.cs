using System.ComponentModel;

namespace Bastion.Core.Processes;

/// <summary>One process, from <c>/proc/[pid]/stat</c>, <c>/proc/[pid]/status</c> and <c>/proc/[pid]/cmdline</c>.</summary>
public sealed record ProcessInfo(
    [property: Description("Process id.")] int Pid,
    [property: Description("Parent process id.")] int ParentPid,
    [property: Description("Owner's user name (uid when the name is unknown).")] string User,
    [property: Description("Executable name (comm, at most 15 characters).")] string Name,
    [property: Description("Full command line; [name] for kernel threads; cut at 1024 characters.")] string Command,
    [property: Description("CPU use over the sample window, percent of one CPU (as top shows it; above 100 on several CPUs).")] double CpuPercent,
    [property: Description("Resident set size (VmRSS), bytes.")] long RssBytes,
    [property: Description("RSS as percent 0-100 of total memory.")] double MemoryPercent,
    [property: Description("State: R running, S sleeping, D uninterruptible I/O wait, Z zombie, T stopped, I idle kernel thread.")] string State,
    [property: Description("Threads.")] int Threads,
    [property: Description("Start time, UTC ISO-8601.")] DateTimeOffset StartTime);
