using Marketplace.Gateway;
using Marketplace.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiDefaults("gateway");
builder.AddGateway();

var app = builder.Build();
app.UseApiDefaults().MapApiDefaults();
app.MapGateway();
app.Run();
