from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("offcatalogue", "0001_initial")]
    operations = [
        migrations.CreateModel(
            name="Favourite",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("note", models.TextField(blank=True)),
                ("product", models.ForeignKey(on_delete=models.deletion.CASCADE,
                                              related_name="favourites",
                                              to="offcatalogue.product")),
            ],
        ),
    ]
