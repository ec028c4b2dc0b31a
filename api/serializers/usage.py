from rest_framework import serializers


class DayUsageSerializer(serializers.Serializer):
    day = serializers.DateField()
    calls = serializers.IntegerField()
    credits = serializers.IntegerField()
    refused = serializers.IntegerField()


class UsageSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    key_prefix = serializers.CharField()
    weekly_quota = serializers.IntegerField()
    credits_used = serializers.IntegerField(help_text="Credits used this week.")
    credits_remaining = serializers.IntegerField()
    resets_at = serializers.DateTimeField(help_text="Next Sunday 00:00 UTC.")
    days = DayUsageSerializer(many=True, help_text="The last 28 days, oldest first.")
