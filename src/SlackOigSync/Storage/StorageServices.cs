using Microsoft.Extensions.DependencyInjection;
using SlackOigSync.Configuration;

namespace SlackOigSync.Storage;

/// <summary>Registers the database at Sync:DatabasePath and its repositories (read when first resolved, after validation).</summary>
public static class StorageServices
{
    public static IServiceCollection AddSyncStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SyncDatabase(sp.GetRequiredService<AppSettings>().Sync.DatabasePath));
        services.AddSingleton<ExecutionLogRepository>();
        services.AddSingleton<AuditRepository>();
        services.AddSingleton<RoleMappingRepository>();
        services.AddSingleton<RunLease>();
        services.AddSingleton<IdentityLinkRepository>();
        services.AddSingleton<FindingRepository>();
        services.AddSingleton<ManagedGrantStateRepository>();
        services.AddSingleton<OigRevocationRepository>();
        return services;
    }
}
