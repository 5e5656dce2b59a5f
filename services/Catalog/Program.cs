using Marketplace.Catalog;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("catalog");
builder.AddCatalog();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCatalog();
app.Run();
