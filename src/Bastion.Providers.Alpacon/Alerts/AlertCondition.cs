namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>How an alert rule compares the metric with its threshold.</summary>
internal enum AlertCondition
{
    /// <summary>Greater than.</summary>
    Gt,

    /// <summary>Greater than or equal.</summary>
    Gte,

    /// <summary>Less than.</summary>
    Lt,

    /// <summary>Less than or equal.</summary>
    Lte,
}
