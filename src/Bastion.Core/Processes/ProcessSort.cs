namespace Bastion.Core.Processes;

/// <summary>Order of a process list.</summary>
public enum ProcessSort
{
    /// <summary>Highest CPU use over the sample window first.</summary>
    Cpu,

    /// <summary>Largest resident memory (RSS) first.</summary>
    Memory,
}
