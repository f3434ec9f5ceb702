namespace Bastion.Providers.CloudStack.Reads;

/// <summary>
/// One cloudstack_list call's arguments; null means not given. Which resources take which argument is
/// <see cref="CloudStackReads"/>' table.
/// </summary>
internal sealed record CloudStackQuery(
    CloudStackResource Resource,
    string? Vm = null,
    string? ZoneId = null,
    string? VolumeId = null,
    string? JobId = null,
    string? Keyword = null,
    string? Type = null,
    string? State = null,
    string? Filter = null,
    string? Level = null,
    string? StartDate = null,
    string? EndDate = null,
    bool? ListAll = null,
    bool? ByUsage = null,
    bool? Detail = null,
    bool? Wait = null,
    int? Limit = null);
