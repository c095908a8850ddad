# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'practice_settings.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout, QWidget)

class Ui_PracticeSettingsPage(object):
    def setupUi(self, PracticeSettingsPage):
        if not PracticeSettingsPage.objectName():
            PracticeSettingsPage.setObjectName(u"PracticeSettingsPage")
        PracticeSettingsPage.resize(1000, 700)
        self.mainLayout = QVBoxLayout(PracticeSettingsPage)
        self.mainLayout.setSpacing(12)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(28, 22, 28, 20)
        self.titleLabel = QLabel(PracticeSettingsPage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(PracticeSettingsPage)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.hintLabel)

        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setSpacing(16)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.practiceGroup = QGroupBox(PracticeSettingsPage)
        self.practiceGroup.setObjectName(u"practiceGroup")
        self.practiceForm = QFormLayout(self.practiceGroup)
        self.practiceForm.setObjectName(u"practiceForm")
        self.practiceForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.practiceForm.setVerticalSpacing(8)
        self.nameLabel = QLabel(self.practiceGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.practiceForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.practiceGroup)
        self.nameEdit.setObjectName(u"nameEdit")

        self.practiceForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.npiLabel = QLabel(self.practiceGroup)
        self.npiLabel.setObjectName(u"npiLabel")

        self.practiceForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.npiLabel)

        self.npiEdit = QLineEdit(self.practiceGroup)
        self.npiEdit.setObjectName(u"npiEdit")
        self.npiEdit.setMaxLength(10)

        self.practiceForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.npiEdit)

        self.taxIdLabel = QLabel(self.practiceGroup)
        self.taxIdLabel.setObjectName(u"taxIdLabel")

        self.practiceForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.taxIdLabel)

        self.taxIdEdit = QLineEdit(self.practiceGroup)
        self.taxIdEdit.setObjectName(u"taxIdEdit")
        self.taxIdEdit.setMaxLength(10)

        self.practiceForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.taxIdEdit)

        self.taxonomyLabel = QLabel(self.practiceGroup)
        self.taxonomyLabel.setObjectName(u"taxonomyLabel")

        self.practiceForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.taxonomyLabel)

        self.taxonomyEdit = QLineEdit(self.practiceGroup)
        self.taxonomyEdit.setObjectName(u"taxonomyEdit")
        self.taxonomyEdit.setMaxLength(10)

        self.practiceForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.taxonomyEdit)

        self.line1Label = QLabel(self.practiceGroup)
        self.line1Label.setObjectName(u"line1Label")

        self.practiceForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.line1Label)

        self.line1Edit = QLineEdit(self.practiceGroup)
        self.line1Edit.setObjectName(u"line1Edit")

        self.practiceForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.line1Edit)

        self.line2Label = QLabel(self.practiceGroup)
        self.line2Label.setObjectName(u"line2Label")

        self.practiceForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.line2Label)

        self.line2Edit = QLineEdit(self.practiceGroup)
        self.line2Edit.setObjectName(u"line2Edit")

        self.practiceForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.line2Edit)

        self.cityLabel = QLabel(self.practiceGroup)
        self.cityLabel.setObjectName(u"cityLabel")

        self.practiceForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.cityLabel)

        self.cityLayout = QHBoxLayout()
        self.cityLayout.setObjectName(u"cityLayout")
        self.cityEdit = QLineEdit(self.practiceGroup)
        self.cityEdit.setObjectName(u"cityEdit")

        self.cityLayout.addWidget(self.cityEdit)

        self.stateEdit = QLineEdit(self.practiceGroup)
        self.stateEdit.setObjectName(u"stateEdit")
        self.stateEdit.setMaximumSize(QSize(52, 16777215))
        self.stateEdit.setMaxLength(2)

        self.cityLayout.addWidget(self.stateEdit)

        self.zipEdit = QLineEdit(self.practiceGroup)
        self.zipEdit.setObjectName(u"zipEdit")
        self.zipEdit.setMaximumSize(QSize(110, 16777215))
        self.zipEdit.setMaxLength(10)

        self.cityLayout.addWidget(self.zipEdit)


        self.practiceForm.setLayout(6, QFormLayout.ItemRole.FieldRole, self.cityLayout)

        self.phoneLabel = QLabel(self.practiceGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.practiceForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.practiceGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.practiceForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.phoneEdit)


        self.columnsLayout.addWidget(self.practiceGroup)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setObjectName(u"rightColumn")
        self.policyGroup = QGroupBox(PracticeSettingsPage)
        self.policyGroup.setObjectName(u"policyGroup")
        self.policyForm = QFormLayout(self.policyGroup)
        self.policyForm.setObjectName(u"policyForm")
        self.policyForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.policyForm.setVerticalSpacing(8)
        self.idleLabel = QLabel(self.policyGroup)
        self.idleLabel.setObjectName(u"idleLabel")

        self.policyForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.idleLabel)

        self.idleSpin = QSpinBox(self.policyGroup)
        self.idleSpin.setObjectName(u"idleSpin")
        self.idleSpin.setMinimumSize(QSize(120, 0))
        self.idleSpin.setMinimum(1)
        self.idleSpin.setMaximum(240)

        self.policyForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.idleSpin)

        self.maxFailedLabel = QLabel(self.policyGroup)
        self.maxFailedLabel.setObjectName(u"maxFailedLabel")

        self.policyForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.maxFailedLabel)

        self.maxFailedSpin = QSpinBox(self.policyGroup)
        self.maxFailedSpin.setObjectName(u"maxFailedSpin")
        self.maxFailedSpin.setMinimumSize(QSize(120, 0))
        self.maxFailedSpin.setMinimum(3)
        self.maxFailedSpin.setMaximum(20)

        self.policyForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.maxFailedSpin)

        self.lockoutLabel = QLabel(self.policyGroup)
        self.lockoutLabel.setObjectName(u"lockoutLabel")

        self.policyForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.lockoutLabel)

        self.lockoutSpin = QSpinBox(self.policyGroup)
        self.lockoutSpin.setObjectName(u"lockoutSpin")
        self.lockoutSpin.setMinimumSize(QSize(120, 0))
        self.lockoutSpin.setMinimum(1)
        self.lockoutSpin.setMaximum(1440)

        self.policyForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.lockoutSpin)

        self.eligibilityLabel = QLabel(self.policyGroup)
        self.eligibilityLabel.setObjectName(u"eligibilityLabel")

        self.policyForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.eligibilityLabel)

        self.eligibilitySpin = QSpinBox(self.policyGroup)
        self.eligibilitySpin.setObjectName(u"eligibilitySpin")
        self.eligibilitySpin.setMinimumSize(QSize(120, 0))
        self.eligibilitySpin.setMinimum(1)
        self.eligibilitySpin.setMaximum(365)

        self.policyForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.eligibilitySpin)


        self.rightColumn.addWidget(self.policyGroup)

        self.rightSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rightColumn.addItem(self.rightSpacer)


        self.columnsLayout.addLayout(self.rightColumn)


        self.mainLayout.addLayout(self.columnsLayout)

        self.errorLabel = QLabel(PracticeSettingsPage)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.statusLabel = QLabel(PracticeSettingsPage)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setProperty(u"role", u"hint")

        self.buttonsLayout.addWidget(self.statusLabel)

        self.buttonsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.revertButton = QPushButton(PracticeSettingsPage)
        self.revertButton.setObjectName(u"revertButton")

        self.buttonsLayout.addWidget(self.revertButton)

        self.saveButton = QPushButton(PracticeSettingsPage)
        self.saveButton.setObjectName(u"saveButton")

        self.buttonsLayout.addWidget(self.saveButton)


        self.mainLayout.addLayout(self.buttonsLayout)

        self.bottomSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.npiLabel.setBuddy(self.npiEdit)
        self.taxIdLabel.setBuddy(self.taxIdEdit)
        self.taxonomyLabel.setBuddy(self.taxonomyEdit)
        self.line1Label.setBuddy(self.line1Edit)
        self.line2Label.setBuddy(self.line2Edit)
        self.cityLabel.setBuddy(self.cityEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.idleLabel.setBuddy(self.idleSpin)
        self.maxFailedLabel.setBuddy(self.maxFailedSpin)
        self.lockoutLabel.setBuddy(self.lockoutSpin)
        self.eligibilityLabel.setBuddy(self.eligibilitySpin)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.npiEdit)
        QWidget.setTabOrder(self.npiEdit, self.taxIdEdit)
        QWidget.setTabOrder(self.taxIdEdit, self.taxonomyEdit)
        QWidget.setTabOrder(self.taxonomyEdit, self.line1Edit)
        QWidget.setTabOrder(self.line1Edit, self.line2Edit)
        QWidget.setTabOrder(self.line2Edit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.stateEdit)
        QWidget.setTabOrder(self.stateEdit, self.zipEdit)
        QWidget.setTabOrder(self.zipEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.idleSpin)
        QWidget.setTabOrder(self.idleSpin, self.maxFailedSpin)
        QWidget.setTabOrder(self.maxFailedSpin, self.lockoutSpin)
        QWidget.setTabOrder(self.lockoutSpin, self.eligibilitySpin)
        QWidget.setTabOrder(self.eligibilitySpin, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.revertButton)

        self.retranslateUi(PracticeSettingsPage)

        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(PracticeSettingsPage)
    # setupUi

    def retranslateUi(self, PracticeSettingsPage):
        self.titleLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"Practice settings", None))
        self.hintLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"The billing provider printed on every claim and statement, and the practice's sign-in rules. Changes are audited and shared with the other workstations.", None))
        self.practiceGroup.setTitle(QCoreApplication.translate("PracticeSettingsPage", u"Billing provider", None))
        self.nameLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"Billing na&me", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("PracticeSettingsPage", u"as the payers know it", None))
        self.npiLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"&NPI", None))
        self.npiEdit.setPlaceholderText(QCoreApplication.translate("PracticeSettingsPage", u"10 digits", None))
        self.taxIdLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"&Tax ID (EIN)", None))
        self.taxIdEdit.setPlaceholderText(QCoreApplication.translate("PracticeSettingsPage", u"12-3456789", None))
        self.taxonomyLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"Ta&xonomy code", None))
        self.taxonomyEdit.setPlaceholderText(QCoreApplication.translate("PracticeSettingsPage", u"e.g. 207Q00000X", None))
        self.line1Label.setText(QCoreApplication.translate("PracticeSettingsPage", u"Street &address", None))
        self.line2Label.setText(QCoreApplication.translate("PracticeSettingsPage", u"Address line &2", None))
        self.line2Edit.setPlaceholderText(QCoreApplication.translate("PracticeSettingsPage", u"suite, floor (optional)", None))
        self.cityLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"Cit&y, state, ZIP", None))
        self.cityEdit.setPlaceholderText(QCoreApplication.translate("PracticeSettingsPage", u"City", None))
        self.stateEdit.setPlaceholderText(QCoreApplication.translate("PracticeSettingsPage", u"ST", None))
        self.zipEdit.setPlaceholderText(QCoreApplication.translate("PracticeSettingsPage", u"ZIP", None))
        self.phoneLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"P&hone", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("PracticeSettingsPage", u"(217) 555-0100", None))
        self.policyGroup.setTitle(QCoreApplication.translate("PracticeSettingsPage", u"Sign-in and screen lock", None))
        self.idleLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"&Idle time before the screen locks", None))
        self.idleSpin.setSuffix(QCoreApplication.translate("PracticeSettingsPage", u" minutes", None))
        self.maxFailedLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"Failed sign-ins &before lockout", None))
        self.maxFailedSpin.setSuffix("")
        self.lockoutLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"Loc&kout lasts", None))
        self.lockoutSpin.setSuffix(QCoreApplication.translate("PracticeSettingsPage", u" minutes", None))
        self.eligibilityLabel.setText(QCoreApplication.translate("PracticeSettingsPage", u"&Eligibility check is current for", None))
        self.eligibilitySpin.setSuffix(QCoreApplication.translate("PracticeSettingsPage", u" days", None))
        self.errorLabel.setText("")
        self.statusLabel.setText("")
        self.revertButton.setText(QCoreApplication.translate("PracticeSettingsPage", u"&Revert", None))
#if QT_CONFIG(tooltip)
        self.revertButton.setToolTip(QCoreApplication.translate("PracticeSettingsPage", u"Discard the changes on this page", None))
#endif // QT_CONFIG(tooltip)
        self.saveButton.setText(QCoreApplication.translate("PracticeSettingsPage", u"&Save", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("PracticeSettingsPage", u"Save (Ctrl+S)", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

