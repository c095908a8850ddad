# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'provider_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QRadioButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_ProviderDialog(object):
    def setupUi(self, ProviderDialog):
        if not ProviderDialog.objectName():
            ProviderDialog.setObjectName(u"ProviderDialog")
        ProviderDialog.resize(760, 620)
        self.mainLayout = QVBoxLayout(ProviderDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(ProviderDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.errorLabel = QLabel(ProviderDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.whoGroup = QGroupBox(ProviderDialog)
        self.whoGroup.setObjectName(u"whoGroup")
        self.whoLayout = QVBoxLayout(self.whoGroup)
        self.whoLayout.setSpacing(8)
        self.whoLayout.setObjectName(u"whoLayout")
        self.kindLayout = QHBoxLayout()
        self.kindLayout.setSpacing(8)
        self.kindLayout.setObjectName(u"kindLayout")
        self.personRadio = QRadioButton(self.whoGroup)
        self.personRadio.setObjectName(u"personRadio")
        self.personRadio.setChecked(True)

        self.kindLayout.addWidget(self.personRadio)

        self.orgRadio = QRadioButton(self.whoGroup)
        self.orgRadio.setObjectName(u"orgRadio")

        self.kindLayout.addWidget(self.orgRadio)

        self.kindSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.kindLayout.addItem(self.kindSpacer)


        self.whoLayout.addLayout(self.kindLayout)

        self.personFrame = QWidget(self.whoGroup)
        self.personFrame.setObjectName(u"personFrame")
        self.personGrid = QGridLayout(self.personFrame)
        self.personGrid.setObjectName(u"personGrid")
        self.personGrid.setHorizontalSpacing(10)
        self.personGrid.setVerticalSpacing(8)
        self.personGrid.setContentsMargins(0, 0, 0, 0)
        self.lastNameLabel = QLabel(self.personFrame)
        self.lastNameLabel.setObjectName(u"lastNameLabel")

        self.personGrid.addWidget(self.lastNameLabel, 0, 0, 1, 1)

        self.lastNameEdit = QLineEdit(self.personFrame)
        self.lastNameEdit.setObjectName(u"lastNameEdit")
        self.lastNameEdit.setMaxLength(35)

        self.personGrid.addWidget(self.lastNameEdit, 0, 1, 1, 1)

        self.firstNameLabel = QLabel(self.personFrame)
        self.firstNameLabel.setObjectName(u"firstNameLabel")

        self.personGrid.addWidget(self.firstNameLabel, 0, 2, 1, 1)

        self.firstNameEdit = QLineEdit(self.personFrame)
        self.firstNameEdit.setObjectName(u"firstNameEdit")
        self.firstNameEdit.setMaxLength(35)

        self.personGrid.addWidget(self.firstNameEdit, 0, 3, 1, 1)

        self.middleLabel = QLabel(self.personFrame)
        self.middleLabel.setObjectName(u"middleLabel")

        self.personGrid.addWidget(self.middleLabel, 1, 0, 1, 1)

        self.middleEdit = QLineEdit(self.personFrame)
        self.middleEdit.setObjectName(u"middleEdit")
        self.middleEdit.setMaxLength(2)

        self.personGrid.addWidget(self.middleEdit, 1, 1, 1, 1)

        self.credentialsLabel = QLabel(self.personFrame)
        self.credentialsLabel.setObjectName(u"credentialsLabel")

        self.personGrid.addWidget(self.credentialsLabel, 1, 2, 1, 1)

        self.credentialsEdit = QLineEdit(self.personFrame)
        self.credentialsEdit.setObjectName(u"credentialsEdit")
        self.credentialsEdit.setMaxLength(20)

        self.personGrid.addWidget(self.credentialsEdit, 1, 3, 1, 1)

        self.personGrid.setColumnStretch(1, 1)
        self.personGrid.setColumnStretch(3, 1)

        self.whoLayout.addWidget(self.personFrame)

        self.orgFrame = QWidget(self.whoGroup)
        self.orgFrame.setObjectName(u"orgFrame")
        self.orgGrid = QGridLayout(self.orgFrame)
        self.orgGrid.setObjectName(u"orgGrid")
        self.orgGrid.setHorizontalSpacing(10)
        self.orgGrid.setVerticalSpacing(8)
        self.orgGrid.setContentsMargins(0, 0, 0, 0)
        self.orgNameLabel = QLabel(self.orgFrame)
        self.orgNameLabel.setObjectName(u"orgNameLabel")

        self.orgGrid.addWidget(self.orgNameLabel, 0, 0, 1, 1)

        self.orgNameEdit = QLineEdit(self.orgFrame)
        self.orgNameEdit.setObjectName(u"orgNameEdit")
        self.orgNameEdit.setMaxLength(60)

        self.orgGrid.addWidget(self.orgNameEdit, 0, 1, 1, 1)

        self.orgGrid.setColumnStretch(1, 1)

        self.whoLayout.addWidget(self.orgFrame)

        self.rolesLayout = QHBoxLayout()
        self.rolesLayout.setSpacing(18)
        self.rolesLayout.setObjectName(u"rolesLayout")
        self.rendersCheck = QCheckBox(self.whoGroup)
        self.rendersCheck.setObjectName(u"rendersCheck")
        self.rendersCheck.setChecked(True)

        self.rolesLayout.addWidget(self.rendersCheck)

        self.billsCheck = QCheckBox(self.whoGroup)
        self.billsCheck.setObjectName(u"billsCheck")
        self.billsCheck.setChecked(False)

        self.rolesLayout.addWidget(self.billsCheck)

        self.activeCheck = QCheckBox(self.whoGroup)
        self.activeCheck.setObjectName(u"activeCheck")
        self.activeCheck.setChecked(True)

        self.rolesLayout.addWidget(self.activeCheck)

        self.rolesSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.rolesLayout.addItem(self.rolesSpacer)


        self.whoLayout.addLayout(self.rolesLayout)


        self.mainLayout.addWidget(self.whoGroup)

        self.idsGroup = QGroupBox(ProviderDialog)
        self.idsGroup.setObjectName(u"idsGroup")
        self.idsGrid = QGridLayout(self.idsGroup)
        self.idsGrid.setObjectName(u"idsGrid")
        self.idsGrid.setHorizontalSpacing(10)
        self.idsGrid.setVerticalSpacing(8)
        self.npiLabel = QLabel(self.idsGroup)
        self.npiLabel.setObjectName(u"npiLabel")

        self.idsGrid.addWidget(self.npiLabel, 0, 0, 1, 1)

        self.npiEdit = QLineEdit(self.idsGroup)
        self.npiEdit.setObjectName(u"npiEdit")
        self.npiEdit.setMaxLength(10)

        self.idsGrid.addWidget(self.npiEdit, 0, 1, 1, 1)

        self.taxonomyLabel = QLabel(self.idsGroup)
        self.taxonomyLabel.setObjectName(u"taxonomyLabel")

        self.idsGrid.addWidget(self.taxonomyLabel, 0, 2, 1, 1)

        self.taxonomyEdit = QLineEdit(self.idsGroup)
        self.taxonomyEdit.setObjectName(u"taxonomyEdit")
        self.taxonomyEdit.setMaxLength(10)

        self.idsGrid.addWidget(self.taxonomyEdit, 0, 3, 1, 1)

        self.taxIdLabel = QLabel(self.idsGroup)
        self.taxIdLabel.setObjectName(u"taxIdLabel")

        self.idsGrid.addWidget(self.taxIdLabel, 1, 0, 1, 1)

        self.taxIdEdit = QLineEdit(self.idsGroup)
        self.taxIdEdit.setObjectName(u"taxIdEdit")
        self.taxIdEdit.setMaxLength(11)

        self.idsGrid.addWidget(self.taxIdEdit, 1, 1, 1, 1)

        self.taxIdTypeLabel = QLabel(self.idsGroup)
        self.taxIdTypeLabel.setObjectName(u"taxIdTypeLabel")

        self.idsGrid.addWidget(self.taxIdTypeLabel, 1, 2, 1, 1)

        self.taxIdTypeCombo = QComboBox(self.idsGroup)
        self.taxIdTypeCombo.setObjectName(u"taxIdTypeCombo")

        self.idsGrid.addWidget(self.taxIdTypeCombo, 1, 3, 1, 1)

        self.idsGrid.setColumnStretch(1, 1)
        self.idsGrid.setColumnStretch(3, 1)

        self.mainLayout.addWidget(self.idsGroup)

        self.addressGroup = QGroupBox(ProviderDialog)
        self.addressGroup.setObjectName(u"addressGroup")
        self.addressGrid = QGridLayout(self.addressGroup)
        self.addressGrid.setObjectName(u"addressGrid")
        self.addressGrid.setHorizontalSpacing(10)
        self.addressGrid.setVerticalSpacing(8)
        self.line1Label = QLabel(self.addressGroup)
        self.line1Label.setObjectName(u"line1Label")

        self.addressGrid.addWidget(self.line1Label, 0, 0, 1, 1)

        self.line1Edit = QLineEdit(self.addressGroup)
        self.line1Edit.setObjectName(u"line1Edit")
        self.line1Edit.setMaxLength(55)

        self.addressGrid.addWidget(self.line1Edit, 0, 1, 1, 3)

        self.line2Label = QLabel(self.addressGroup)
        self.line2Label.setObjectName(u"line2Label")

        self.addressGrid.addWidget(self.line2Label, 1, 0, 1, 1)

        self.line2Edit = QLineEdit(self.addressGroup)
        self.line2Edit.setObjectName(u"line2Edit")
        self.line2Edit.setMaxLength(55)

        self.addressGrid.addWidget(self.line2Edit, 1, 1, 1, 3)

        self.cityLabel = QLabel(self.addressGroup)
        self.cityLabel.setObjectName(u"cityLabel")

        self.addressGrid.addWidget(self.cityLabel, 2, 0, 1, 1)

        self.cityEdit = QLineEdit(self.addressGroup)
        self.cityEdit.setObjectName(u"cityEdit")
        self.cityEdit.setMaxLength(30)

        self.addressGrid.addWidget(self.cityEdit, 2, 1, 1, 1)

        self.stateLabel = QLabel(self.addressGroup)
        self.stateLabel.setObjectName(u"stateLabel")

        self.addressGrid.addWidget(self.stateLabel, 2, 2, 1, 1)

        self.stateEdit = QLineEdit(self.addressGroup)
        self.stateEdit.setObjectName(u"stateEdit")
        self.stateEdit.setMaxLength(2)

        self.addressGrid.addWidget(self.stateEdit, 2, 3, 1, 1)

        self.zipLabel = QLabel(self.addressGroup)
        self.zipLabel.setObjectName(u"zipLabel")

        self.addressGrid.addWidget(self.zipLabel, 3, 0, 1, 1)

        self.zipEdit = QLineEdit(self.addressGroup)
        self.zipEdit.setObjectName(u"zipEdit")
        self.zipEdit.setMaxLength(10)

        self.addressGrid.addWidget(self.zipEdit, 3, 1, 1, 1)

        self.phoneLabel = QLabel(self.addressGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.addressGrid.addWidget(self.phoneLabel, 3, 2, 1, 1)

        self.phoneEdit = QLineEdit(self.addressGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(16)

        self.addressGrid.addWidget(self.phoneEdit, 3, 3, 1, 1)

        self.addressGrid.setColumnStretch(1, 1)
        self.addressGrid.setColumnStretch(3, 1)

        self.mainLayout.addWidget(self.addressGroup)

        self.bottomSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttons = QDialogButtonBox(ProviderDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.lastNameLabel.setBuddy(self.lastNameEdit)
        self.firstNameLabel.setBuddy(self.firstNameEdit)
        self.middleLabel.setBuddy(self.middleEdit)
        self.credentialsLabel.setBuddy(self.credentialsEdit)
        self.orgNameLabel.setBuddy(self.orgNameEdit)
        self.npiLabel.setBuddy(self.npiEdit)
        self.taxonomyLabel.setBuddy(self.taxonomyEdit)
        self.taxIdLabel.setBuddy(self.taxIdEdit)
        self.taxIdTypeLabel.setBuddy(self.taxIdTypeCombo)
        self.line1Label.setBuddy(self.line1Edit)
        self.line2Label.setBuddy(self.line2Edit)
        self.cityLabel.setBuddy(self.cityEdit)
        self.stateLabel.setBuddy(self.stateEdit)
        self.zipLabel.setBuddy(self.zipEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.personRadio, self.orgRadio)
        QWidget.setTabOrder(self.orgRadio, self.lastNameEdit)
        QWidget.setTabOrder(self.lastNameEdit, self.firstNameEdit)
        QWidget.setTabOrder(self.firstNameEdit, self.middleEdit)
        QWidget.setTabOrder(self.middleEdit, self.credentialsEdit)
        QWidget.setTabOrder(self.credentialsEdit, self.orgNameEdit)
        QWidget.setTabOrder(self.orgNameEdit, self.rendersCheck)
        QWidget.setTabOrder(self.rendersCheck, self.billsCheck)
        QWidget.setTabOrder(self.billsCheck, self.activeCheck)
        QWidget.setTabOrder(self.activeCheck, self.npiEdit)
        QWidget.setTabOrder(self.npiEdit, self.taxonomyEdit)
        QWidget.setTabOrder(self.taxonomyEdit, self.taxIdEdit)
        QWidget.setTabOrder(self.taxIdEdit, self.taxIdTypeCombo)
        QWidget.setTabOrder(self.taxIdTypeCombo, self.line1Edit)
        QWidget.setTabOrder(self.line1Edit, self.line2Edit)
        QWidget.setTabOrder(self.line2Edit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.stateEdit)
        QWidget.setTabOrder(self.stateEdit, self.zipEdit)
        QWidget.setTabOrder(self.zipEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.buttons)

        self.retranslateUi(ProviderDialog)

        QMetaObject.connectSlotsByName(ProviderDialog)
    # setupUi

    def retranslateUi(self, ProviderDialog):
        ProviderDialog.setWindowTitle(QCoreApplication.translate("ProviderDialog", u"Provider", None))
        self.titleLabel.setText(QCoreApplication.translate("ProviderDialog", u"Provider", None))
        self.whoGroup.setTitle(QCoreApplication.translate("ProviderDialog", u"Who", None))
        self.personRadio.setText(QCoreApplication.translate("ProviderDialog", u"A &person", None))
        self.orgRadio.setText(QCoreApplication.translate("ProviderDialog", u"An or&ganization (group practice)", None))
        self.lastNameLabel.setText(QCoreApplication.translate("ProviderDialog", u"&Last name", None))
        self.firstNameLabel.setText(QCoreApplication.translate("ProviderDialog", u"&First name", None))
        self.middleLabel.setText(QCoreApplication.translate("ProviderDialog", u"Middle &initial", None))
        self.credentialsLabel.setText(QCoreApplication.translate("ProviderDialog", u"Cre&dentials", None))
        self.credentialsEdit.setPlaceholderText(QCoreApplication.translate("ProviderDialog", u"MD, DO, NP, PA-C", None))
        self.orgNameLabel.setText(QCoreApplication.translate("ProviderDialog", u"&Organization name", None))
        self.rendersCheck.setText(QCoreApplication.translate("ProviderDialog", u"&Renders services (item 24J)", None))
        self.billsCheck.setText(QCoreApplication.translate("ProviderDialog", u"&Bills for them (items 25, 33)", None))
        self.activeCheck.setText(QCoreApplication.translate("ProviderDialog", u"Acti&ve", None))
        self.idsGroup.setTitle(QCoreApplication.translate("ProviderDialog", u"Identifiers", None))
        self.npiLabel.setText(QCoreApplication.translate("ProviderDialog", u"&NPI", None))
        self.npiEdit.setPlaceholderText(QCoreApplication.translate("ProviderDialog", u"10 digits", None))
        self.taxonomyLabel.setText(QCoreApplication.translate("ProviderDialog", u"T&axonomy", None))
        self.taxonomyEdit.setPlaceholderText(QCoreApplication.translate("ProviderDialog", u"e.g. 207Q00000X", None))
        self.taxIdLabel.setText(QCoreApplication.translate("ProviderDialog", u"Ta&x ID", None))
        self.taxIdEdit.setPlaceholderText(QCoreApplication.translate("ProviderDialog", u"EIN 12-3456789", None))
        self.taxIdTypeLabel.setText(QCoreApplication.translate("ProviderDialog", u"Tax ID t&ype", None))
        self.addressGroup.setTitle(QCoreApplication.translate("ProviderDialog", u"Address (billing providers: item 33, a street address)", None))
        self.line1Label.setText(QCoreApplication.translate("ProviderDialog", u"S&treet", None))
        self.line2Label.setText(QCoreApplication.translate("ProviderDialog", u"Street line &2", None))
        self.cityLabel.setText(QCoreApplication.translate("ProviderDialog", u"&City", None))
        self.stateLabel.setText(QCoreApplication.translate("ProviderDialog", u"Stat&e", None))
        self.zipLabel.setText(QCoreApplication.translate("ProviderDialog", u"&ZIP code", None))
        self.phoneLabel.setText(QCoreApplication.translate("ProviderDialog", u"P&hone", None))
    # retranslateUi

