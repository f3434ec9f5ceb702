using Bastion.Core.Alerts;
using Bastion.Core.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Mcp.Alerts;

/// <summary>Registers the alerts feature: the rules of alerts.yaml, their evaluation after each collector tick, webhooks, and the reader behind the tools and the resource. The store (<see cref="IAlertStore"/>) comes from the storage setup, e.g. AddSqliteHistory.</summary>
public static class AlertsSetup
{
    /// <summary>Adds the alert services; the evaluator is an <see cref="ITickObserver"/> of the history collector.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertRules>();
        services.AddSingleton(sp => new AlertNotifier(new HttpClient { Timeout = AlertNotifier.Timeout }, sp.GetRequiredService<ILogger<AlertNotifier>>()));
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<ITickObserver>(sp => sp.GetRequiredService<AlertEvaluator>());
        services.AddSingleton<AlertReader>();
        return services;
    }
}
