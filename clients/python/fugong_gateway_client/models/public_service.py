from enum import StrEnum


class PublicService(StrEnum):
    EMPLOYMENT_REGISTRATION = "employment_registration"
    ENTREPRENEURSHIP_GUIDANCE = "entrepreneurship_guidance"
    JOB_INTRODUCTION = "job_introduction"
    SKILLS_ASSESSMENT = "skills_assessment"
    SKILLS_TRAINING = "skills_training"
    TRAINING_SUBSIDY = "training_subsidy"
    UNEMPLOYMENT_REGISTRATION = "unemployment_registration"

    def __str__(self) -> str:
        return str(self.value)
